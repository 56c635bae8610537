import { X509Certificate } from "node:crypto";
import { type IdentityProviderKind, MSP_ROLES, TENANT_ROLES } from "@atrium/schema";
import { z } from "zod";
import {
  ldapProviderConfigSchema,
  ldapSettingsSchema,
  radiusProviderConfigSchema,
  radiusSettingsSchema,
} from "./providers/identity-provider.schemas.js";
import { parseSamlMetadata } from "./saml-metadata.util.js";

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "must be an http(s) URL");

const pemCertificate = z
  .string()
  .max(20_000)
  .refine((value) => {
    try {
      new X509Certificate(toPem(value));
      return true;
    } catch {
      return false;
    }
  }, "must be a PEM or base64 X.509 certificate");

/** Accepts a bare base64 body (as found in metadata) or a full PEM. */
export function toPem(certificate: string): string {
  const trimmed = certificate.trim();
  if (trimmed.includes("-----BEGIN CERTIFICATE-----")) return trimmed;
  const body = trimmed.replace(/\s+/g, "");
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END CERTIFICATE-----`;
}

const attributeName = z.string().trim().min(1).max(200);

/** The IdP's metadata document, which a client may send instead of the fields it fills in (never stored). */
export const samlMetadataXmlSchema = z.string().max(200_000);

/** SAML has no secret: what is stored is the whole configuration. */
export const samlProviderConfigSchema = z.object({
  /** Where the IdP publishes its metadata: read when saved, then refreshed hourly (certificate rollovers). */
  metadataUrl: httpUrl.optional(),
  /** IdP single sign-on URL (HTTP-Redirect binding). */
  ssoUrl: httpUrl,
  /** Certificates the IdP signs with (more than one during a key rollover). */
  idpCertificates: z.array(pemCertificate).min(1).max(4),
  /** Expected Issuer of responses; not checked when absent. */
  idpEntityId: z.string().trim().min(1).max(1000).optional(),
  clockSkewSeconds: z.number().int().min(0).max(600).default(60),
  /** User name from this attribute; the NameID when absent. */
  usernameAttribute: attributeName.optional(),
  /** The person's immutable id from this attribute; the NameID (persistent, not transient) when absent. */
  subjectAttribute: attributeName.optional(),
  emailAttribute: attributeName.default("email"),
  displayNameAttribute: attributeName.default("displayName"),
  groupAttribute: attributeName.default("groups"),
});
export type SamlProviderConfig = z.output<typeof samlProviderConfigSchema>;

/** What is stored of an OpenID Connect provider (everything but the client secret). */
export const oidcSettingsSchema = z.object({
  issuer: httpUrl,
  clientId: z.string().trim().min(1).max(500),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "must be a scope token"))
    .max(20)
    .default(["openid", "profile", "email"]),
  usePkce: z.boolean().default(true),
  usernameClaim: attributeName.default("preferred_username"),
  emailClaim: attributeName.default("email"),
  displayNameClaim: attributeName.default("name"),
  groupClaim: attributeName.default("groups"),
});

/** Confidential clients have one; a public client relies on PKCE alone. */
export const oidcClientSecretSchema = z.string().min(1).max(2000);

export const oidcProviderConfigSchema = oidcSettingsSchema.extend({ clientSecret: oidcClientSecretSchema.optional() });
export type OidcProviderConfig = z.output<typeof oidcProviderConfigSchema>;

/** The one secret of each kind: write-only, sealed at rest, never part of the stored `config`. */
export const SECRET_FIELD: Record<IdentityProviderKind, string | null> = {
  ldap: "bindPassword",
  radius: "secret",
  oidc: "clientSecret",
  saml: null,
};

/** What is stored of each kind, defaults filled in: the shape the API shows back (never a secret). */
export const SETTINGS_SCHEMAS = {
  ldap: ldapSettingsSchema,
  radius: radiusSettingsSchema,
  oidc: oidcSettingsSchema,
  saml: samlProviderConfigSchema,
} as const;

const SCHEMAS = {
  ldap: ldapProviderConfigSchema,
  radius: radiusProviderConfigSchema,
  oidc: oidcProviderConfigSchema,
  saml: samlProviderConfigSchema,
} as const;

export type ProviderConfigCheck =
  | { ok: true; config: Record<string, unknown>; secret: string | null }
  | { ok: false; issues: string[] };

/**
 * Validates a whole configuration of one kind together with its secret, and splits it into the storable part and
 * the secret. A secret smuggled inside `config` is ignored: the only way in is the write-only field.
 */
export function checkProviderConfig(
  kind: IdentityProviderKind,
  config: Record<string, unknown>,
  secret: string | null,
): ProviderConfigCheck {
  const secretField = SECRET_FIELD[kind];
  const candidate: Record<string, unknown> = kind === "saml" ? fromSamlMetadata(config) : { ...config };
  if (secretField) {
    delete candidate[secretField];
    if (secret !== null) candidate[secretField] = secret;
  }
  const parsed = SCHEMAS[kind].safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => `${issue.path.join(".") || kind}: ${issue.message}`),
    };
  }
  const stored: Record<string, unknown> = { ...parsed.data };
  if (secretField) delete stored[secretField];
  return {
    ok: true,
    config: stored,
    secret: secretField
      ? (((parsed.data as Record<string, unknown>)[secretField] as string | undefined) ?? null)
      : null,
  };
}

/**
 * SAML settings may come as the IdP's metadata document (`metadataXml`): it fills the SSO URL, certificates and
 * entity id unless they are given explicitly. Only the derived fields are stored.
 */
function fromSamlMetadata(config: Record<string, unknown>): Record<string, unknown> {
  const { metadataXml, ...rest } = config;
  const xml = samlMetadataXmlSchema.safeParse(metadataXml);
  if (!xml.success) return rest;
  const summary = parseSamlMetadata(xml.data);
  return {
    ...(summary.ssoUrl ? { ssoUrl: summary.ssoUrl } : {}),
    ...(summary.idpCertificates.length ? { idpCertificates: summary.idpCertificates } : {}),
    ...(summary.idpEntityId ? { idpEntityId: summary.idpEntityId } : {}),
    ...rest,
  };
}

export const groupRoleMappingSchema = z.object({
  group: z.string().trim().min(1).max(1024),
  role: z.enum([...TENANT_ROLES, ...MSP_ROLES]),
});

/** Tenant providers may only grant tenant roles, MSP providers only MSP roles. */
export function checkGroupRoleMappings(mappings: unknown, forMsp: boolean) {
  const parsed = z.array(groupRoleMappingSchema).max(100).safeParse(mappings);
  if (!parsed.success) return { ok: false as const, issues: parsed.error.issues.map((issue) => issue.message) };
  const wrong = parsed.data.filter((mapping) => mapping.role.startsWith("msp_") !== forMsp);
  if (wrong.length > 0) {
    const allowed = forMsp ? "MSP roles" : "tenant roles";
    return {
      ok: false as const,
      issues: wrong.map((mapping) => `${mapping.role}: only ${allowed} can be mapped here`),
    };
  }
  return { ok: true as const, mappings: parsed.data };
}
