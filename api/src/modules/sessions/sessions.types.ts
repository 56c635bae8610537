import { IsOptional, MaxLength, MinLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";

@InputType()
export class SignInInput {
  @Field()
  @MinLength(1)
  @MaxLength(255)
  username: string;

  @Field()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  @Field(() => String, { nullable: true, description: "Tenant slug; omit for MSP staff." })
  @IsOptional()
  @MaxLength(63)
  tenant?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Host name the user signs in at (the portal passes its own); selects the tenant when no slug is given.",
  })
  @IsOptional()
  @MaxLength(253)
  loginHost?: string | null;
}

@ObjectType()
export class Viewer {
  @Field(() => ID)
  id: string;

  @Field()
  username: string;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => ID, { nullable: true, description: "The user's own tenant; null for MSP staff." })
  tenantId: string | null;

  @Field(() => String, { nullable: true })
  tenantSlug: string | null;

  @Field(() => ID, { nullable: true, description: "The tenant an MSP user has entered." })
  actingTenantId: string | null;

  @Field(() => [String])
  roles: string[];

  @Field(() => [String], { description: "Permissions in effect for this session." })
  permissions: string[];
}

@ObjectType()
export class AuthPayload {
  @Field()
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field()
  refreshToken: string;

  @Field(() => Viewer)
  viewer: Viewer;
}
