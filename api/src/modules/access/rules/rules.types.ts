import { DisplayProtocol, Role, RuleEffect, RuleOperator, RuleSubjectType } from "@atrium/schema";
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../../graphql/connection.js";

@ObjectType("AssignmentRuleCondition")
export class RuleConditionType {
  @Field(() => RuleSubjectType)
  subjectType: RuleSubjectType;

  @Field(() => String, { nullable: true })
  group: string | null;

  @Field(() => String, { nullable: true })
  attribute: string | null;

  @Field(() => RuleOperator, { nullable: true })
  operator: RuleOperator | null;

  @Field(() => String, { nullable: true })
  value: string | null;

  @Field(() => [ID], { description: "The rule applies at any one of these locations; empty: anywhere." })
  locationIds: string[];
}

@ObjectType("AssignmentRule", {
  description: "Ordered per identity provider: (group or attribute, location) → (role, policy, MFA, allow/deny).",
})
export class AssignmentRuleType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: "Null: local accounts, and every provider's users." })
  identityProviderId: string | null;

  @Field(() => Int)
  position: number;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => RuleConditionType)
  condition: RuleConditionType;

  @Field(() => RuleEffect, { description: "A matching deny always wins." })
  effect: RuleEffect;

  @Field(() => Role, { nullable: true })
  role: Role | null;

  @Field(() => ID, { nullable: true })
  policyId: string | null;

  @Field()
  mfaRequired: boolean;

  @Field({ description: "Connections must go through the gateway." })
  gatewayOnly: boolean;

  @Field({ description: "Only in-browser (HTML5) connections." })
  html5Only: boolean;

  @Field(() => [DisplayProtocol])
  protocols: DisplayProtocol[];

  @Field({ description: "False when the stored rule cannot be parsed (it then denies everyone)." })
  valid: boolean;

  @Field()
  createdAt: Date;

  @Field({ description: "Send it back as expectedUpdatedAt when editing, so a stale copy is refused." })
  updatedAt: Date;
}

@ObjectType()
export class AssignmentRuleConnection extends ConnectionType("AssignmentRule", AssignmentRuleType) {}

@InputType()
export class AssignmentRuleInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all")
  identityProviderId?: string | null;

  @Field(() => Int)
  @Min(0)
  @Max(1_000_000)
  position: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => RuleSubjectType, { defaultValue: "any" })
  @IsEnum(RuleSubjectType)
  subjectType: RuleSubjectType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1024)
  group?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(256)
  attribute?: string | null;

  @Field(() => RuleOperator, { nullable: true })
  @IsOptional()
  @IsEnum(RuleOperator)
  operator?: RuleOperator | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1024)
  value?: string | null;

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(50)
  @IsUUID("all", { each: true })
  locationIds: string[];

  @Field(() => RuleEffect)
  @IsEnum(RuleEffect)
  effect: RuleEffect;

  @Field(() => Role, { nullable: true })
  @IsOptional()
  @MaxLength(32)
  @IsEnum(Role)
  role?: Role | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all")
  policyId?: string | null;

  @Field({ defaultValue: false })
  @IsBoolean()
  mfaRequired: boolean;

  @Field({ defaultValue: false })
  gatewayOnly: boolean;

  @Field({ defaultValue: false })
  html5Only: boolean;

  @Field(() => [DisplayProtocol], { defaultValue: ["RDP", "VNC", "SSH", "HTML5"] })
  @ArrayMaxSize(4)
  @MaxLength(8, { each: true })
  @IsEnum(DisplayProtocol, { each: true })
  protocols: DisplayProtocol[];
}

@InputType()
export class RuleOrderInput {
  @Field(() => [ID], { description: "Every rule of the tenant, first to be checked first." })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID("all", { each: true })
  ids: string[];
}
