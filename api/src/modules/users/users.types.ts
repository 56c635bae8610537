import { TenantRole, UserSource } from "@atrium/schema";
import { IsEmail, IsEnum, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";
import { OptionalNotNull } from "../../graphql/validation.js";

const USERNAME = /^[A-Za-z0-9._@-]+$/;

@ObjectType("User")
export class UserType {
  @Field(() => ID)
  id: string;

  @Field()
  username: string;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => UserSource)
  source: UserSource;

  @Field()
  disabled: boolean;

  @Field(() => Date, { nullable: true })
  lastLoginAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class UserConnection extends ConnectionType("User", UserType) {}

@InputType()
export class UserFilter {
  @Field(() => String, { nullable: true, description: "Matches username, display name or e-mail." })
  @IsOptional()
  @MaxLength(255)
  search?: string | null;
}

@InputType()
export class CreateUserInput {
  @Field()
  @Length(1, 255)
  @Matches(USERNAME, { message: "username may contain letters, digits and . _ @ -" })
  username: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Local password; at least 8 characters." })
  @IsOptional()
  @Length(8, 1024)
  password?: string | null;

  @Field(() => TenantRole, { defaultValue: "tenant_user" })
  @IsEnum(TenantRole)
  role: TenantRole;
}

/** A person's name and address as an update changes them; null clears them. */
// Never used as an argument itself, so type-graphql does not emit it; tenant users and MSP staff inherit its fields.
@InputType("PersonDetailsInputBase")
export class PersonDetailsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;
}

@InputType()
export class UpdateUserInput extends PersonDetailsInput {
  @Field(() => Boolean, { nullable: true })
  @OptionalNotNull()
  disabled?: boolean;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(8, 1024)
  password?: string;

  @Field(() => TenantRole, { nullable: true })
  @OptionalNotNull()
  @IsEnum(TenantRole)
  role?: TenantRole;
}
