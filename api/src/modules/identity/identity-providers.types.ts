import { AccountLinkRule, IdentityProviderKind, LoginMfa, LoginOutcome, LoginProviderKind, Role } from "@atrium/schema";
import { IsBoolean, IsEnum, IsInt, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";
import { OptionalNotNull } from "../../graphql/validation.js";
import { IdentityProviderSettingsInput } from "./provider-settings.inputs.js";
import {
  IdentityProviderSettings,
  type LdapSettings,
  type OidcSettings,
  type RadiusSettings,
  type SamlSettings,
} from "./provider-settings.types.js";

@ObjectType("GroupRoleMapping")
export class GroupRoleMappingType {
  @Field({ description: "Group DN or name (LDAP), or a value of the group attribute/claim (SAML, OIDC)." })
  group: string;

  @Field(() => Role)
  role: Role;
}

@InputType()
export class GroupRoleMappingInput {
  @Field()
  @Length(1, 1024)
  group: string;

  @Field(() => Role)
  @Length(1, 32)
  @IsEnum(Role)
  role: Role;
}

const LINK_RULE_HELP =
  "When a person this provider has not seen before joins an account the tenant already has; with NONE they get a new account.";

@ObjectType("IdentityProvider", {
  description: "A tenant's (or the MSP staff's) identity provider. Secrets are write-only.",
})
export class IdentityProviderType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: "Null for the MSP staff's own providers." })
  tenantId: string | null;

  @Field()
  name: string;

  @Field(() => IdentityProviderKind)
  kind: IdentityProviderKind;

  @Field()
  enabled: boolean;

  @Field(() => Int)
  priority: number;

  @Field(() => AccountLinkRule, { description: LINK_RULE_HELP })
  accountLinkRule: AccountLinkRule;

  @Field(() => IdentityProviderSettings, { description: "Settings of the kind, without the secret." })
  settings: LdapSettings | SamlSettings | OidcSettings | RadiusSettings;

  @Field({ description: "Whether a secret (bind password, client secret, shared secret) is stored." })
  hasSecret: boolean;

  @Field(() => [GroupRoleMappingType])
  groupRoleMappings: GroupRoleMappingType[];

  @Field(() => String, { nullable: true, description: "SAML: the entity id of our service provider." })
  spEntityId: string | null;

  @Field()
  createdAt: Date;
}

@InputType()
export class CreateIdentityProviderInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field({ defaultValue: true })
  @IsBoolean()
  enabled: boolean;

  @Field(() => Int, { defaultValue: 100 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  priority: number;

  @Field(() => AccountLinkRule, { defaultValue: AccountLinkRule.NONE, description: LINK_RULE_HELP })
  @IsEnum(AccountLinkRule)
  accountLinkRule: AccountLinkRule;

  @Field(() => IdentityProviderSettingsInput, { description: "The settings field named after the kind it creates." })
  @ValidateNested()
  settings: IdentityProviderSettingsInput;

  @Field(() => [GroupRoleMappingInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  groupRoleMappings: GroupRoleMappingInput[];
}

@InputType()
export class UpdateIdentityProviderInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => Boolean, { nullable: true })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10_000)
  priority?: number;

  @Field(() => AccountLinkRule, { nullable: true, description: LINK_RULE_HELP })
  @OptionalNotNull()
  @IsEnum(AccountLinkRule)
  accountLinkRule?: AccountLinkRule;

  @Field(() => IdentityProviderSettingsInput, {
    nullable: true,
    description: "Replaces the whole settings (the kind cannot change); a secret left out keeps the stored one.",
  })
  @OptionalNotNull()
  @ValidateNested()
  settings?: IdentityProviderSettingsInput;

  @Field(() => [GroupRoleMappingInput], { nullable: true })
  @OptionalNotNull()
  @ValidateNested({ each: true })
  groupRoleMappings?: GroupRoleMappingInput[];
}

@ObjectType("IdentityProviderTestResult")
export class ProviderTestResultType {
  @Field()
  ok: boolean;

  @Field(() => String, { nullable: true, description: "Machine-readable failure, e.g. unreachable, bind_failed." })
  reason: string | null;

  @Field({ description: "What was checked or what went wrong, for the administrator." })
  detail: string;

  @Field(() => [String], {
    description:
      "What works but needs a look, e.g. an LDAP search base that reaches users outside the tenant's groups.",
  })
  warnings: string[];
}

@ObjectType("IdentitySettings")
export class IdentitySettingsType {
  @Field(() => String, { nullable: true })
  loginHostname: string | null;

  @Field()
  mfaRequired: boolean;

  @Field(() => ID, { nullable: true })
  mfaRadiusProviderId: string | null;

  @Field(() => Int)
  userFailureLimit: number;

  @Field(() => Int)
  ipFailureLimit: number;

  @Field(() => Int)
  failureWindowSeconds: number;

  @Field(() => Int)
  lockoutSeconds: number;
}

@InputType()
export class UpdateIdentitySettingsInput {
  @Field(() => String, { nullable: true, description: "Host name users sign in at; empty string clears it." })
  @IsOptional()
  @MaxLength(253)
  loginHostname?: string | null;

  @Field(() => Boolean, { nullable: true })
  @OptionalNotNull()
  @IsBoolean()
  mfaRequired?: boolean;

  @Field(() => ID, { nullable: true, description: "RADIUS provider used as second factor; null for TOTP only." })
  @IsOptional()
  @MaxLength(64)
  mfaRadiusProviderId?: string | null;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1000)
  userFailureLimit?: number;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100_000)
  ipFailureLimit?: number;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(10)
  @Max(86_400)
  failureWindowSeconds?: number;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(86_400)
  lockoutSeconds?: number;
}

@ObjectType("LoginEvent")
export class LoginEventType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field()
  username: string;

  @Field()
  clientIp: string;

  @Field(() => ID, { nullable: true })
  providerId: string | null;

  @Field(() => LoginProviderKind)
  providerKind: LoginProviderKind;

  @Field(() => LoginMfa)
  mfa: LoginMfa;

  @Field(() => LoginOutcome)
  outcome: LoginOutcome;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class LoginEventConnection extends ConnectionType("LoginEvent", LoginEventType) {}
