import { TenantStatus } from "@atrium/schema";
import {
  ArrayMaxSize,
  IsEmail,
  IsEnum,
  IsHexColor,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
} from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";
import { OptionalNotNull } from "../../graphql/validation.js";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

@ObjectType("Tenant")
export class TenantType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "Used in sign-in URLs (`/t/<slug>`)." })
  slug: string;

  @Field(() => TenantStatus)
  status: TenantStatus;

  @Field(() => String, { nullable: true })
  brandColor: string | null;

  @Field(() => ID, { nullable: true, description: "The cloud the tenant's Keystone project was picked from." })
  cloudId: string | null;

  @Field(() => String, { nullable: true, description: "Keystone domain of the tenant's desktops." })
  vhiDomain: string | null;

  @Field(() => String, { nullable: true, description: "Keystone project of the tenant's desktops." })
  vhiProject: string | null;

  @Field(() => Int, { nullable: true })
  maxDesktops: number | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class TenantConnection extends ConnectionType("Tenant", TenantType) {}

/** Settings a tenant can be created with and changed later; null clears them. */
// Never used as an argument itself, so type-graphql does not emit it; subclasses inherit its fields.
@InputType("TenantSettingsInputBase")
class TenantSettingsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsHexColor()
  @Length(7, 7)
  brandColor?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A PNG image as a data: URL, at most 200 KB; null removes the logo.",
  })
  @IsOptional()
  @MaxLength(300_000)
  logo?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The cloud whose Keystone lists the domain and project are checked against before the tenant is saved.",
  })
  @IsOptional()
  @IsUUID("all", { message: "cloudId must be a cloud id" })
  cloudId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  vhiDomain?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  vhiProject?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  maxDesktops?: number | null;
}

@InputType()
export class CreateTenantInput extends TenantSettingsInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field({ description: "Lower-case letters, digits and dashes." })
  @Matches(SLUG, { message: "slug must be lower-case letters, digits and dashes (1-63)" })
  slug: string;
}

@InputType()
export class UpdateTenantInput extends TenantSettingsInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => TenantStatus, { nullable: true })
  @OptionalNotNull()
  @IsEnum(TenantStatus)
  status?: "active" | "suspended";
}

@ObjectType("TenantBranding", { description: "What a tenant's sign-in page shows before anyone signs in." })
export class TenantBrandingType {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  brandColor: string | null;

  @Field(() => String, { nullable: true })
  logoDataUrl: string | null;
}

@ObjectType("KeystoneDomain")
export class KeystoneDomainType {
  @Field()
  id: string;

  @Field()
  name: string;
}

@ObjectType("KeystoneProject")
export class KeystoneProjectType {
  @Field()
  id: string;

  @Field()
  name: string;

  @Field()
  domainId: string;

  @Field(() => String, { nullable: true, description: "The tenant already mapped to this project, if any." })
  tenantName: string | null;
}

@ObjectType("CloudDirectory", {
  description: "Keystone's own lists: the projects the cloud's service account holds a role on, and their domains.",
})
export class CloudDirectoryType {
  @Field(() => ID)
  cloudId: string;

  @Field(() => [KeystoneDomainType])
  domains: KeystoneDomainType[];

  @Field(() => [KeystoneProjectType])
  projects: KeystoneProjectType[];
}

@InputType()
export class TenantInvitationInput {
  @Field()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @Field({ description: "The administrator's user name, as they type it on the sign-in page." })
  @Length(1, 255)
  username: string;

  @Field({ description: "The tenant's absolute sign-in URL (the portal's public address + /t/<slug>)." })
  @MaxLength(2048)
  signInUrl: string;
}

@InputType({ description: "Every cloud the tenant may build pools on; any cloud left out is taken away." })
export class SetTenantCloudsInput {
  @Field(() => ID)
  @IsUUID("all", { message: "tenantId must be a tenant id" })
  tenantId: string;

  @Field(() => [ID])
  @ArrayMaxSize(100)
  @IsUUID("all", { each: true, message: "cloudIds must be cloud ids" })
  cloudIds: string[];
}
