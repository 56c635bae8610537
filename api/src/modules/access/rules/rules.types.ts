import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsUUID, Max, MaxLength, Min } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../../graphql/connection.js";

@ObjectType("AssignmentRuleCondition")
export class RuleConditionType {
  @Field({ description: "any, group or attribute." })
  subjectType: string;

  @Field(() => String, { nullable: true })
  group: string | null;

  @Field(() => String, { nullable: true })
  attribute: string | null;

  @Field(() => String, { nullable: true, description: "equals or matches (glob: * and ?)." })
  operator: string | null;

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

  @Field({ description: "allow or deny (a matching deny always wins)." })
  effect: string;

  @Field(() => String, { nullable: true })
  role: string | null;

  @Field(() => ID, { nullable: true })
  policyId: string | null;

  @Field()
  mfaRequired: boolean;

  @Field({ description: "Connections must go through the gateway." })
  gatewayOnly: boolean;

  @Field({ description: "Only in-browser (HTML5) connections." })
  html5Only: boolean;

  @Field(() => [String])
  protocols: string[];

  @Field({ description: "False when the stored rule cannot be parsed (it then denies everyone)." })
  valid: boolean;

  @Field()
  createdAt: Date;
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

  @Field({ defaultValue: "any" })
  @IsIn(["any", "group", "attribute"])
  subjectType: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1024)
  group?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(256)
  attribute?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(["equals", "matches"])
  operator?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1024)
  value?: string | null;

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(50)
  @IsUUID("all", { each: true })
  locationIds: string[];

  @Field()
  @IsIn(["allow", "deny"])
  effect: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(32)
  role?: string | null;

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

  @Field(() => [String], { defaultValue: ["RDP", "VNC", "SSH", "HTML5"] })
  @ArrayMaxSize(4)
  @MaxLength(8, { each: true })
  protocols: string[];
}
