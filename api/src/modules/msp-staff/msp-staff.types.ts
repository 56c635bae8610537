import { MspRole } from "@atrium/schema";
import { IsBoolean, IsEmail, IsEnum, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";
import { OptionalNotNull } from "../../graphql/validation.js";
import { PersonDetailsInput } from "../users/users.types.js";

const USERNAME = /^[A-Za-z0-9._@-]+$/;

@ObjectType("MspStaffMember", { description: "A person of the MSP's own staff (no tenant)." })
export class MspStaffMemberType {
  @Field(() => ID)
  id: string;

  @Field()
  username: string;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field()
  disabled: boolean;

  @Field({ description: "A second factor is required at every sign-in, whatever the MSP's sign-in policy says." })
  mfaRequired: boolean;

  @Field(() => Date, { nullable: true })
  lastLoginAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class MspStaffConnection extends ConnectionType("MspStaffMember", MspStaffMemberType) {}

@InputType()
export class CreateMspStaffInput {
  @Field()
  @Length(1, 255)
  @Matches(USERNAME, { message: "username may contain letters, digits and . _ @ -" })
  username: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: "Where the invitation is sent when `invite` is set." })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @Field(() => MspRole)
  @IsEnum(MspRole)
  role: MspRole;

  @Field({ description: "Initial password (at least 12 characters); the person changes it from their account page." })
  @Length(12, 1024)
  password: string;

  @Field({ defaultValue: true, description: "MSP staff reach every tenant: a second factor is required by default." })
  @IsBoolean()
  mfaRequired: boolean;

  @Field({ defaultValue: false, description: "E-mail the person where and how to sign in (never the password)." })
  @IsBoolean()
  invite: boolean;

  @Field(() => String, { nullable: true, description: "The portal's sign-in URL to put in the invitation." })
  @IsOptional()
  @MaxLength(2048)
  signInUrl?: string | null;
}

@InputType()
export class UpdateMspStaffInput extends PersonDetailsInput {
  @Field(() => MspRole, { nullable: true })
  @OptionalNotNull()
  @IsEnum(MspRole)
  role?: MspRole;

  @Field(() => Boolean, { nullable: true, description: "A disabled account cannot sign in; its sessions end." })
  @OptionalNotNull()
  @IsBoolean()
  disabled?: boolean;

  @Field(() => Boolean, { nullable: true })
  @OptionalNotNull()
  @IsBoolean()
  mfaRequired?: boolean;
}

@InputType()
export class ResetMspStaffPasswordInput {
  @Field({ description: "At least 12 characters." })
  @Length(12, 1024)
  password: string;
}
