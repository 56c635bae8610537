import {
  type CreateIdentityProviderInput,
  IdentityProviderKind,
  type IdentityProviderSettingsInput,
  type IdentityProvidersQuery,
  LdapLoginAttribute,
  LdapSecurity,
} from "@/generated/graphql";
import { enumValue } from "@/lib/enums";

type Read = (name: string) => string;

const lines = (value: string) =>
  value
    .split(/[\n,]+/)
    .map((line) => line.trim())
    .filter(Boolean);

/** Each kind's own form fields as its typed settings; an empty optional field is left out (the API's default). */
const SETTINGS: Record<IdentityProviderKind, (one: Read) => IdentityProviderSettingsInput> = {
  [IdentityProviderKind.LDAP]: (one) => ({
    ldap: {
      urls: lines(one("urls")),
      security: enumValue(LdapSecurity, one("security")) ?? LdapSecurity.NONE,
      bindDn: one("bindDn"),
      bindPassword: one("bindPassword") || null,
      searchBase: one("searchBase"),
      loginAttribute: enumValue(LdapLoginAttribute, one("loginAttribute")) ?? LdapLoginAttribute.UID,
      userFilter: one("userFilter") || null,
      groupSearchBase: one("groupSearchBase") || null,
    },
  }),
  [IdentityProviderKind.SAML]: (one) => ({
    saml: one("metadataXml")
      ? { metadataXml: one("metadataXml") }
      : {
          ssoUrl: one("ssoUrl"),
          idpCertificates: one("idpCertificate") ? [one("idpCertificate")] : [],
          idpEntityId: one("idpEntityId") || null,
        },
  }),
  [IdentityProviderKind.OIDC]: (one) => ({
    oidc: { issuer: one("issuer"), clientId: one("clientId"), clientSecret: one("clientSecret") || null },
  }),
  [IdentityProviderKind.RADIUS]: (one) => ({
    radius: {
      servers: [{ host: one("host"), port: Number(one("port") || "1812") }],
      secret: one("secret") || null,
    },
  }),
};

/**
 * The provider form as CreateIdentityProviderInput: the chosen kind's fields become its typed settings, secrets
 * included (write-only). The API checks every field and the settings as a whole, and names what is wrong.
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
  return {
    input: {
      name: one("name"),
      priority,
      enabled: formData.get("enabled") === "on",
      settings: SETTINGS[kind ?? IdentityProviderKind.LDAP](one),
    },
    errors,
  };
}

type Settings = IdentityProvidersQuery["identityProviders"][number]["settings"];

/** A short, readable line about where a provider points (never its secret). */
export function providerTarget(settings: Settings): string {
  switch (settings.__typename) {
    case "LdapSettings":
      return settings.urls.join(", ");
    case "SamlSettings":
      return settings.ssoUrl;
    case "OidcSettings":
      return settings.issuer;
    case "RadiusSettings":
      return settings.servers.map((server) => `${server.host}:${server.port}`).join(", ");
  }
}
