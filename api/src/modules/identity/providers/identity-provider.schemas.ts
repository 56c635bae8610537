import { enumValues, LdapLoginAttribute, LdapSecurity } from "@atrium/schema";
import { FilterParser } from "ldapts";
import { z } from "zod";

const ldapUrl = z
  .string()
  .trim()
  .regex(/^ldaps?:\/\/[^/\s]+\/?$/i, "must be ldap://host[:port] or ldaps://host[:port]");

const distinguishedName = z.string().trim().min(3).max(1024).regex(/=/, "must be a distinguished name");

// Active Directory binds by DN, by userPrincipalName (svc-broker@example.test) or by down-level logon name
// (EXAMPLE\svc-broker); other directories need the DN.
const bindIdentity = z
  .string()
  .trim()
  .min(3)
  .max(1024)
  .refine(
    (value) => value.includes("=") || /^[^\s@\\]+@[^\s@\\]+$/.test(value) || /^[^\s\\@]+\\[^\s\\@]+$/.test(value),
    "must be a distinguished name, a user principal name (name@domain) or DOMAIN\\name",
  );

// The extra user filter is administrator input that ends up inside a search filter: it must parse on its own as one
// complete filter, otherwise "(objectClass=person))(|(uid=*" style input could reshape the query.
const ldapFilter = z
  .string()
  .trim()
  .max(1024)
  .refine((value) => {
    if (!value.startsWith("(") || !value.endsWith(")")) return false;
    try {
      FilterParser.parseString(value);
      return true;
    } catch {
      return false;
    }
  }, "must be one complete LDAP filter in parentheses");

const attributeName = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, "must be an LDAP attribute name");

export const ldapTlsSchema = z.object({
  /** PEM bundle of the CA(s) that signed the directory's certificate; the system store when absent. */
  caCertificatePem: z.string().includes("-----BEGIN CERTIFICATE-----").optional(),
  /** Only for lab directories: turning verification off makes the bind password interceptable. */
  rejectUnauthorized: z.boolean().default(true),
  /** Host name expected in the certificate when it differs from the URL's host. */
  serverName: z.string().trim().min(1).max(253).optional(),
});

/**
 * What is stored of an LDAP provider (everything but the bind password). The GraphQL settings types validate each of
 * their fields with these schemas, so a field's rule is written once.
 */
export const ldapSettingsSchema = z.object({
  /** Tried in order; the next one is used only when a server cannot be reached. */
  urls: z.array(ldapUrl).min(1).max(8),
  security: z.enum(enumValues(LdapSecurity)).default(LdapSecurity.NONE),
  tls: ldapTlsSchema.default({ rejectUnauthorized: true }),
  bindDn: bindIdentity,
  searchBase: distinguishedName,
  loginAttribute: z.enum(enumValues(LdapLoginAttribute)).default(LdapLoginAttribute.UID),
  userFilter: ldapFilter.optional(),
  /**
   * Only groups under this DN count (roles, the tenant's group list): in a directory shared with other customers a
   * person can also be in groups that are not this tenant's business. All groups when absent.
   */
  groupSearchBase: distinguishedName.optional(),
  emailAttribute: attributeName.default("mail"),
  displayNameAttribute: attributeName.default("displayName"),
  groupMembershipAttribute: attributeName.default("memberOf"),
  /** The attribute that names a person for good (renames and moves keep it); objectGUID, else entryUUID, when absent. */
  idAttribute: attributeName.optional(),
  /** Follow memberOf of groups too (groups inside groups), at most this many levels; 0 = direct groups only. */
  nestedGroupDepth: z.number().int().min(0).max(10).default(5),
  /** Extra user attributes handed to assignment rules. */
  extraAttributes: z.array(attributeName).max(32).default([]),
  /** How long one server may take to answer the service bind before the next URL is tried. */
  connectTimeoutMs: z.number().int().min(100).max(60_000).default(2_000),
  operationTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  /** How long finding a server that answers may take in all, across the failover URLs. */
  signInBudgetMs: z.number().int().min(500).max(120_000).default(8_000),
});

/** The service account's password: write-only, sealed at rest. */
export const ldapBindPasswordSchema = z.string().min(1).max(1024);

export const ldapProviderConfigSchema = ldapSettingsSchema
  .extend({ bindPassword: ldapBindPasswordSchema })
  .superRefine((config, ctx) => {
    const schemes = new Set(config.urls.map((url) => url.slice(0, url.indexOf(":")).toLowerCase()));
    if (config.security === "ldaps" && schemes.has("ldap")) {
      ctx.addIssue({ code: "custom", path: ["urls"], message: "security ldaps needs ldaps:// URLs" });
    }
    if (config.security !== "ldaps" && schemes.has("ldaps")) {
      ctx.addIssue({ code: "custom", path: ["security"], message: "ldaps:// URLs need security ldaps" });
    }
  });

export type LdapProviderConfig = z.output<typeof ldapProviderConfigSchema>;
export type LdapProviderConfigInput = z.input<typeof ldapProviderConfigSchema>;

const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, "must be a host name or IP address");

export const radiusServerSchema = z.object({
  host: hostName,
  port: z.number().int().min(1).max(65_535).default(1812),
});

/** What is stored of a RADIUS provider (everything but the shared secret). */
export const radiusSettingsSchema = z.object({
  /** Tried in order; the next one is used when a server does not answer in time. */
  servers: z.array(radiusServerSchema).min(1).max(8),
  timeoutMs: z.number().int().min(100).max(120_000).default(5_000),
  /** Retransmissions per server after the first attempt. */
  retries: z.number().int().min(0).max(5).default(1),
  nasIdentifier: z.string().trim().min(1).max(64).default("atrium"),
});

// RFC 2865 secrets are shared byte strings; very short ones make the password hiding trivially brute-forced.
export const radiusSecretSchema = z.string().min(8).max(128);

export const radiusProviderConfigSchema = radiusSettingsSchema.extend({ secret: radiusSecretSchema });

export type RadiusProviderConfig = z.output<typeof radiusProviderConfigSchema>;
export type RadiusProviderConfigInput = z.input<typeof radiusProviderConfigSchema>;
