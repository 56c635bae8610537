import { LdapLoginAttribute, LdapSecurity } from "@atrium/schema";
import { IsArray, IsOptional, ValidateNested } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { ZodField } from "../../graphql/validation.js";
import {
  oidcClientSecretSchema,
  oidcSettingsSchema,
  samlMetadataXmlSchema,
  samlProviderConfigSchema,
} from "./provider-config.schemas.js";
import {
  ldapBindPasswordSchema,
  ldapSettingsSchema,
  ldapTlsSchema,
  radiusSecretSchema,
  radiusServerSchema,
  radiusSettingsSchema,
} from "./providers/identity-provider.schemas.js";

// Every field is checked with the zod schema its stored form is parsed with (provider-config.schemas.ts and
// providers/identity-provider.schemas.ts): the rules live there, these types give them names and GraphQL types.
// provider-settings.test.ts fails when a stored field has no input field here or the other way round.
const ldap = ldapSettingsSchema.shape;
const tls = ldapTlsSchema.shape;
const saml = samlProviderConfigSchema.shape;
const oidc = oidcSettingsSchema.shape;
const radius = radiusSettingsSchema.shape;
const server = radiusServerSchema.shape;

const WRITE_ONLY = "Write-only, sealed at rest; left out on update, the stored one is kept.";

@InputType({ description: "How the directory's certificate is checked (LDAPS and StartTLS)." })
export class LdapTlsInput {
  @Field(() => String, { nullable: true, description: "PEM bundle of the directory's CA; the system store if absent." })
  @ZodField(tls.caCertificatePem)
  caCertificatePem?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Default true. Only for lab directories: false." })
  @ZodField(tls.rejectUnauthorized)
  rejectUnauthorized?: boolean | null;

  @Field(() => String, { nullable: true, description: "Host name in the certificate when it differs from the URL's." })
  @ZodField(tls.serverName)
  serverName?: string | null;
}

@InputType({ description: "LDAP or Active Directory. Left-out optional fields take their defaults." })
export class LdapSettingsInput {
  @Field(() => [String], { description: "ldap(s)://host[:port], tried in order when one cannot be reached." })
  @ZodField(ldap.urls)
  urls: string[];

  @Field(() => LdapSecurity, { nullable: true, description: "Default NONE." })
  @ZodField(ldap.security)
  security?: LdapSecurity | null;

  @Field(() => LdapTlsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  tls?: LdapTlsInput | null;

  @Field({ description: "The service account: a DN, a user principal name or DOMAIN\\name." })
  @ZodField(ldap.bindDn)
  bindDn: string;

  @Field(() => String, { nullable: true, description: `The service account's password, required. ${WRITE_ONLY}` })
  @ZodField(ldapBindPasswordSchema)
  bindPassword?: string | null;

  @Field()
  @ZodField(ldap.searchBase)
  searchBase: string;

  @Field(() => LdapLoginAttribute, { nullable: true, description: "Default UID." })
  @ZodField(ldap.loginAttribute)
  loginAttribute?: LdapLoginAttribute | null;

  @Field(() => String, { nullable: true, description: "One complete LDAP filter users must also match." })
  @ZodField(ldap.userFilter)
  userFilter?: string | null;

  @Field(() => String, { nullable: true, description: "Only groups under this DN count; all groups when empty." })
  @ZodField(ldap.groupSearchBase)
  groupSearchBase?: string | null;

  @Field(() => String, { nullable: true, description: "Default mail." })
  @ZodField(ldap.emailAttribute)
  emailAttribute?: string | null;

  @Field(() => String, { nullable: true, description: "Default displayName." })
  @ZodField(ldap.displayNameAttribute)
  displayNameAttribute?: string | null;

  @Field(() => String, { nullable: true, description: "Default memberOf." })
  @ZodField(ldap.groupMembershipAttribute)
  groupMembershipAttribute?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The immutable id of a person that sign-in finds the account by; default objectGUID, else entryUUID.",
  })
  @ZodField(ldap.idAttribute)
  idAttribute?: string | null;

  @Field(() => Int, { nullable: true, description: "Levels of groups inside groups followed; default 5." })
  @ZodField(ldap.nestedGroupDepth)
  nestedGroupDepth?: number | null;

  @Field(() => [String], { nullable: true, description: "User attributes handed to assignment rules." })
  @ZodField(ldap.extraAttributes)
  extraAttributes?: string[] | null;

  @Field(() => Int, { nullable: true, description: "Per server, before the next URL is tried; default 2000." })
  @ZodField(ldap.connectTimeoutMs)
  connectTimeoutMs?: number | null;

  @Field(() => Int, { nullable: true, description: "Default 10000." })
  @ZodField(ldap.operationTimeoutMs)
  operationTimeoutMs?: number | null;

  @Field(() => Int, { nullable: true, description: "For finding a server that answers, in all; default 8000." })
  @ZodField(ldap.signInBudgetMs)
  signInBudgetMs?: number | null;
}

@InputType({
  description: "SAML 2.0: the IdP's metadata URL or document, or its SSO URL and signing certificates.",
})
export class SamlSettingsInput {
  @Field(() => String, { nullable: true, description: "Fills the SSO URL, certificates and entity ID; not stored." })
  @ZodField(samlMetadataXmlSchema)
  metadataXml?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Where the IdP publishes its metadata: read now (it fills the SSO URL, certificates and entity ID) and every " +
      "hour after, so a signing-certificate rollover is followed.",
  })
  @ZodField(saml.metadataUrl)
  metadataUrl?: string | null;

  @Field(() => String, { nullable: true, description: "The IdP's single sign-on URL (HTTP-Redirect binding)." })
  @ZodField(saml.ssoUrl)
  ssoUrl?: string | null;

  @Field(() => [String], { nullable: true, description: "PEM or base64 certificates the IdP signs with." })
  @ZodField(saml.idpCertificates)
  idpCertificates?: string[] | null;

  @Field(() => String, { nullable: true, description: "Expected Issuer of responses; not checked when absent." })
  @ZodField(saml.idpEntityId)
  idpEntityId?: string | null;

  @Field(() => Int, { nullable: true, description: "Default 60." })
  @ZodField(saml.clockSkewSeconds)
  clockSkewSeconds?: number | null;

  @Field(() => String, { nullable: true, description: "User name from this attribute; the NameID when absent." })
  @ZodField(saml.usernameAttribute)
  usernameAttribute?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The person's immutable id from this attribute; the NameID when absent (it must not be transient).",
  })
  @ZodField(saml.subjectAttribute)
  subjectAttribute?: string | null;

  @Field(() => String, { nullable: true, description: "Default email." })
  @ZodField(saml.emailAttribute)
  emailAttribute?: string | null;

  @Field(() => String, { nullable: true, description: "Default displayName." })
  @ZodField(saml.displayNameAttribute)
  displayNameAttribute?: string | null;

  @Field(() => String, { nullable: true, description: "Default groups." })
  @ZodField(saml.groupAttribute)
  groupAttribute?: string | null;
}

@InputType({ description: "OpenID Connect (authorization code flow)." })
export class OidcSettingsInput {
  @Field({ description: "The issuer URL; its discovery document is read from there." })
  @ZodField(oidc.issuer)
  issuer: string;

  @Field()
  @ZodField(oidc.clientId)
  clientId: string;

  @Field(() => String, { nullable: true, description: `Absent for a public client (PKCE alone). ${WRITE_ONLY}` })
  @ZodField(oidcClientSecretSchema)
  clientSecret?: string | null;

  @Field(() => [String], { nullable: true, description: "Default openid, profile, email." })
  @ZodField(oidc.scopes)
  scopes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Default true." })
  @ZodField(oidc.usePkce)
  usePkce?: boolean | null;

  @Field(() => String, { nullable: true, description: "Default preferred_username." })
  @ZodField(oidc.usernameClaim)
  usernameClaim?: string | null;

  @Field(() => String, { nullable: true, description: "Default email." })
  @ZodField(oidc.emailClaim)
  emailClaim?: string | null;

  @Field(() => String, { nullable: true, description: "Default name." })
  @ZodField(oidc.displayNameClaim)
  displayNameClaim?: string | null;

  @Field(() => String, { nullable: true, description: "Default groups." })
  @ZodField(oidc.groupClaim)
  groupClaim?: string | null;
}

@InputType()
export class RadiusServerInput {
  @Field({ description: "Host name or IP address." })
  @ZodField(server.host)
  host: string;

  @Field(() => Int, { nullable: true, description: "Default 1812." })
  @ZodField(server.port)
  port?: number | null;
}

@InputType({ description: "RADIUS, used as a second factor." })
export class RadiusSettingsInput {
  @Field(() => [RadiusServerInput], { description: "Tried in order when one does not answer in time." })
  @IsArray()
  @ValidateNested({ each: true })
  servers: RadiusServerInput[];

  @Field(() => String, {
    nullable: true,
    description: `The shared secret, 8 to 128 characters, required. ${WRITE_ONLY}`,
  })
  @ZodField(radiusSecretSchema)
  secret?: string | null;

  @Field(() => Int, { nullable: true, description: "Per attempt; default 5000." })
  @ZodField(radius.timeoutMs)
  timeoutMs?: number | null;

  @Field(() => Int, { nullable: true, description: "Retransmissions per server; default 1." })
  @ZodField(radius.retries)
  retries?: number | null;

  @Field(() => String, { nullable: true, description: "Default atrium." })
  @ZodField(radius.nasIdentifier)
  nasIdentifier?: string | null;
}

@InputType({ description: "The provider's settings: exactly one field, named after its kind." })
export class IdentityProviderSettingsInput {
  @Field(() => LdapSettingsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  ldap?: LdapSettingsInput | null;

  @Field(() => SamlSettingsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  saml?: SamlSettingsInput | null;

  @Field(() => OidcSettingsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  oidc?: OidcSettingsInput | null;

  @Field(() => RadiusSettingsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  radius?: RadiusSettingsInput | null;
}
