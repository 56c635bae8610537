import type { CreateIdentityProviderInput } from "@/generated/graphql";

export const PROVIDER_KINDS = [
  { value: "ldap", label: "LDAP / Active Directory" },
  { value: "saml", label: "SAML 2.0" },
  { value: "oidc", label: "OpenID Connect" },
  { value: "radius", label: "RADIUS (second factor)" },
];

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
  const kind = one("kind");
  if (!PROVIDER_KINDS.some((option) => option.value === kind)) errors.kind = "Pick a kind.";
  const priority = Number(one("priority") || "100");
  if (!Number.isInteger(priority)) errors.priority = "Enter a whole number.";
  let config: Record<string, unknown> = {};
  let secret: string | null = null;
  if (kind === "ldap") {
    config = {
      urls: lines(one("ldapUrls")),
      security: one("ldapSecurity") || "none",
      bindDn: one("bindDn"),
      searchBase: one("searchBase"),
      loginAttribute: one("loginAttribute") || "uid",
      ...(one("userFilter") ? { userFilter: one("userFilter") } : {}),
    };
    secret = one("bindPassword") || null;
  } else if (kind === "saml") {
    config = one("metadataXml")
      ? { metadataXml: one("metadataXml") }
      : {
          ssoUrl: one("ssoUrl"),
          idpCertificates: one("idpCertificate") ? [one("idpCertificate")] : [],
          ...(one("idpEntityId") ? { idpEntityId: one("idpEntityId") } : {}),
        };
  } else if (kind === "oidc") {
    config = { issuer: one("issuer"), clientId: one("clientId") };
    secret = one("clientSecret") || null;
  } else if (kind === "radius") {
    config = { servers: [{ host: one("radiusHost"), port: Number(one("radiusPort") || "1812") }] };
    secret = one("radiusSecret") || null;
  }
  return {
    input: { name: one("name"), kind, priority, enabled: formData.get("enabled") === "on", config, secret },
    errors,
  };
}

/** A short, readable line about where a provider points (never its secret). */
export function providerTarget(kind: string, config: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  if (kind === "ldap") return Array.isArray(config.urls) ? config.urls.map(text).join(", ") : "";
  if (kind === "saml") return text(config.ssoUrl);
  if (kind === "oidc") return text(config.issuer);
  if (kind === "radius" && Array.isArray(config.servers)) {
    return config.servers
      .map((server) => {
        const { host, port } = (server ?? {}) as { host?: unknown; port?: unknown };
        return `${text(host)}:${typeof port === "number" ? port : 1812}`;
      })
      .join(", ");
  }
  return "";
}
