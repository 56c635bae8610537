import { type IdentityProvider, IdentityProviderKind, LdapLoginAttribute, LdapSecurity } from "@atrium/schema";
import { createUnionType, Field, Int, ObjectType } from "type-graphql";
import { SETTINGS_SCHEMAS } from "./provider-config.schemas.js";

// The settings as stored, defaults filled in and never a secret (whether one is stored is IdentityProvider.hasSecret).
// Field for field these are the storage schemas of provider-config.schemas.ts; provider-settings.test.ts keeps them so.

@ObjectType()
export class LdapTls {
  @Field(() => String, { nullable: true })
  caCertificatePem: string | null;

  @Field()
  rejectUnauthorized: boolean;

  @Field(() => String, { nullable: true })
  serverName: string | null;
}

@ObjectType()
export class LdapSettings {
  @Field(() => [String])
  urls: string[];

  @Field(() => LdapSecurity)
  security: LdapSecurity;

  @Field(() => LdapTls)
  tls: LdapTls;

  @Field()
  bindDn: string;

  @Field()
  searchBase: string;

  @Field(() => LdapLoginAttribute)
  loginAttribute: LdapLoginAttribute;

  @Field(() => String, { nullable: true })
  userFilter: string | null;

  @Field(() => String, { nullable: true })
  groupSearchBase: string | null;

  @Field()
  emailAttribute: string;

  @Field()
  displayNameAttribute: string;

  @Field()
  groupMembershipAttribute: string;

  @Field(() => String, { nullable: true })
  idAttribute: string | null;

  @Field(() => Int)
  nestedGroupDepth: number;

  @Field(() => [String])
  extraAttributes: string[];

  @Field(() => Int)
  connectTimeoutMs: number;

  @Field(() => Int)
  operationTimeoutMs: number;

  @Field(() => Int)
  signInBudgetMs: number;
}

@ObjectType()
export class SamlSettings {
  @Field(() => String, { nullable: true, description: "Where the IdP's metadata is read from, hourly." })
  metadataUrl: string | null;

  @Field()
  ssoUrl: string;

  @Field(() => [String])
  idpCertificates: string[];

  @Field(() => String, { nullable: true })
  idpEntityId: string | null;

  @Field(() => Int)
  clockSkewSeconds: number;

  @Field(() => String, { nullable: true })
  usernameAttribute: string | null;

  @Field(() => String, { nullable: true })
  subjectAttribute: string | null;

  @Field()
  emailAttribute: string;

  @Field()
  displayNameAttribute: string;

  @Field()
  groupAttribute: string;
}

@ObjectType()
export class OidcSettings {
  @Field()
  issuer: string;

  @Field()
  clientId: string;

  @Field(() => [String])
  scopes: string[];

  @Field()
  usePkce: boolean;

  @Field()
  usernameClaim: string;

  @Field()
  emailClaim: string;

  @Field()
  displayNameClaim: string;

  @Field()
  groupClaim: string;
}

@ObjectType()
export class RadiusServer {
  @Field()
  host: string;

  @Field(() => Int)
  port: number;
}

@ObjectType()
export class RadiusSettings {
  @Field(() => [RadiusServer])
  servers: RadiusServer[];

  @Field(() => Int)
  timeoutMs: number;

  @Field(() => Int)
  retries: number;

  @Field()
  nasIdentifier: string;
}

const SETTINGS_TYPES = {
  [IdentityProviderKind.LDAP]: LdapSettings,
  [IdentityProviderKind.SAML]: SamlSettings,
  [IdentityProviderKind.OIDC]: OidcSettings,
  [IdentityProviderKind.RADIUS]: RadiusSettings,
} as const;

export const IdentityProviderSettings = createUnionType({
  name: "IdentityProviderSettings",
  description: "The provider's settings, typed by its kind.",
  types: () => [LdapSettings, SamlSettings, OidcSettings, RadiusSettings] as const,
  resolveType: (value) => Object.values(SETTINGS_TYPES).find((type) => value instanceof type),
});

/**
 * A provider's stored config as its kind's settings type, with the defaults of fields added to the kind after the row
 * was written; a row that no longer parses is shown as stored rather than hidden. Optional values left out read as
 * null.
 */
export function settingsOf(provider: IdentityProvider): LdapSettings | SamlSettings | OidcSettings | RadiusSettings {
  const parsed = SETTINGS_SCHEMAS[provider.kind].safeParse(provider.config);
  return Object.assign(new SETTINGS_TYPES[provider.kind](), parsed.success ? parsed.data : provider.config);
}
