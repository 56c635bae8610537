import { type CreateIdentityProviderInput, IdentityProviderKind } from "@/generated/graphql";
import { enumValue } from "@/lib/enums";

const lines = (value: string) =>
  value
    .split(/[\n,]+/)
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The provider form as CreateIdentityProviderInput: each kind's own fields become its `config`, the one secret goes
 * to the write-only `secret`. The API validates the configuration as a whole and names what is wrong.
 */
export function providerInputOf(formData: FormData): {
  input: CreateIdentityProviderInput;
  errors: Record<string, string>;
} {
  const one = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const errors: Record<string, string> = {};
  if (!one("name")) errors.name = "Name is required.";
  const kind = enumValue(IdentityProviderKind, one("kind"));
  if (!kind) errors.kind = "Pick a kind.";
  const priority = Number(one("priority") || "100");
  if (!Number.isInteger(priority)) errors.priority = "Enter a whole number.";
  let config: Record<string, unknown> = {};
  let secret: string | null = null;
  if (kind === IdentityProviderKind.LDAP) {
    config = {
      urls: lines(one("ldapUrls")),
      security: one("ldapSecurity") || "none",
      bindDn: one("bindDn"),
      searchBase: one("searchBase"),
      loginAttribute: one("loginAttribute") || "uid",
      ...(one("userFilter") ? { userFilter: one("userFilter") } : {}),
    };
    secret = one("bindPassword") || null;
  } else if (kind === IdentityProviderKind.SAML) {
    config = one("metadataXml")
      ? { metadataXml: one("metadataXml") }
      : {
          ssoUrl: one("ssoUrl"),
          idpCertificates: one("idpCertificate") ? [one("idpCertificate")] : [],
          ...(one("idpEntityId") ? { idpEntityId: one("idpEntityId") } : {}),
        };
  } else if (kind === IdentityProviderKind.OIDC) {
    config = { issuer: one("issuer"), clientId: one("clientId") };
    secret = one("clientSecret") || null;
  } else if (kind === IdentityProviderKind.RADIUS) {
    config = { servers: [{ host: one("radiusHost"), port: Number(one("radiusPort") || "1812") }] };
    secret = one("radiusSecret") || null;
  }
  return {
    input: {
      name: one("name"),
      kind: kind ?? IdentityProviderKind.LDAP,
      priority,
      enabled: formData.get("enabled") === "on",
      config,
      secret,
    },
    errors,
  };
}

/** A short, readable line about where a provider points (never its secret). */
export function providerTarget(kind: IdentityProviderKind, config: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  if (kind === IdentityProviderKind.LDAP) return Array.isArray(config.urls) ? config.urls.map(text).join(", ") : "";
  if (kind === IdentityProviderKind.SAML) return text(config.ssoUrl);
  if (kind === IdentityProviderKind.OIDC) return text(config.issuer);
  if (kind === IdentityProviderKind.RADIUS && Array.isArray(config.servers)) {
    return config.servers
      .map((server) => {
        const { host, port } = (server ?? {}) as { host?: unknown; port?: unknown };
        return `${text(host)}:${typeof port === "number" ? port : 1812}`;
      })
      .join(", ");
  }
  return "";
}
