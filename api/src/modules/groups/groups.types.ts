import { TenantRole, UserSource } from "@atrium/schema";
import { IsEnum, IsOptional, Length, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";
import { OptionalNotNull } from "../../graphql/validation.js";

@ObjectType("Group")
export class GroupType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => UserSource)
  source: UserSource;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class GroupConnection extends ConnectionType("Group", GroupType) {}

@InputType()
export class CreateGroupInput {
  @Field()
  @Length(1, 255)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => TenantRole, { nullable: true, description: "Tenant role every member receives." })
  @IsOptional()
  @IsEnum(TenantRole)
  role?: TenantRole | null;
}

@InputType()
export class UpdateGroupInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 255)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;
}
