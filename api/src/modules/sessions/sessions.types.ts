import { Role } from "@atrium/schema";
import { Field, ID, ObjectType } from "type-graphql";

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

  @Field(() => String, {
    nullable: true,
    description: "The display name of the user's own tenant (what the portal shows people); null for MSP staff.",
  })
  tenantName: string | null;

  @Field(() => ID, { nullable: true, description: "The tenant an MSP user has entered." })
  actingTenantId: string | null;

  @Field(() => [Role])
  roles: Role[];

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

  @Field(() => [String], {
    nullable: true,
    description:
      "The recovery codes of the authenticator app this sign-in set up (a first enrolment or a lost phone's " +
      "replacement): they replace any earlier codes and are shown only here, once. Null when no app was set up.",
  })
  recoveryCodes?: string[] | null;
}
