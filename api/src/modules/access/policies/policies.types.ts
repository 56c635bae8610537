import { OfferSortOrder, RogueLoginAction, UserPowerAction } from "@atrium/schema";
import { ArrayMaxSize, IsEnum, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../../graphql/connection.js";
import { OptionalNotNull } from "../../../graphql/validation.js";

@ObjectType("PoolEntitlement", { description: "One pool in a policy: what is offered from it and which plans apply." })
export class PoolEntitlementType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  poolId: string;

  @Field(() => Int)
  position: number;

  @Field(() => Int, { description: "How many desktops of the pool to offer." })
  offerCount: number;

  @Field({ description: "Persistent: the user keeps the desktop; floating: it returns to the pool." })
  persistent: boolean;

  @Field(() => OfferSortOrder)
  sortOrder: OfferSortOrder;

  @Field()
  startIfStopped: boolean;

  @Field(() => [UserPowerAction], { description: "Power actions the user may take." })
  userPowerActions: UserPowerAction[];

  @Field(() => ID, { nullable: true })
  protocolPlanId: string | null;

  @Field(() => ID, { nullable: true })
  powerPlanId: string | null;

  @Field(() => ID, { nullable: true })
  releasePlanId: string | null;
}

@ObjectType("Policy", { description: "What a user is offered; assignment rules pick one policy per user." })
export class PolicyType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Int, { nullable: true, description: "Most desktops a user may hold at once; null: no limit." })
  maxDesktops: number | null;

  @Field(() => RogueLoginAction, { description: "Rogue logins (not arranged by the broker)." })
  rogueAction: RogueLoginAction;

  @Field()
  createdAt: Date;

  @Field({ description: "Send it back as expectedUpdatedAt when editing, so a stale copy is refused." })
  updatedAt: Date;
}

@ObjectType()
export class PolicyConnection extends ConnectionType("Policy", PolicyType) {}

@InputType()
export class PoolEntitlementInput {
  @Field(() => ID)
  @IsUUID("all", { message: "poolId must be an id" })
  poolId: string;

  @Field(() => Int, { defaultValue: 1 })
  @Min(1)
  @Max(50)
  offerCount: number;

  @Field({ defaultValue: false })
  persistent: boolean;

  @Field(() => OfferSortOrder, { defaultValue: "favor_previous" })
  @IsEnum(OfferSortOrder)
  sortOrder: OfferSortOrder;

  @Field({ defaultValue: true })
  startIfStopped: boolean;

  @Field(() => [UserPowerAction], { defaultValue: [] })
  @ArrayMaxSize(3)
  @IsEnum(UserPowerAction, { each: true })
  userPowerActions: UserPowerAction[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all")
  protocolPlanId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all")
  powerPlanId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all")
  releasePlanId?: string | null;
}

@InputType()
export class CreatePolicyInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(100)
  maxDesktops?: number | null;

  @Field(() => RogueLoginAction, { defaultValue: "log" })
  @IsEnum(RogueLoginAction)
  rogueAction: RogueLoginAction;

  @Field(() => [PoolEntitlementInput], { defaultValue: [], description: "In offer order." })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  entitlements: PoolEntitlementInput[];
}

@InputType()
export class UpdatePolicyInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(100)
  maxDesktops?: number | null;

  @Field(() => RogueLoginAction, { nullable: true })
  @OptionalNotNull()
  @IsEnum(RogueLoginAction)
  rogueAction?: RogueLoginAction;

  @Field(() => [PoolEntitlementInput], { nullable: true, description: "Replaces every entitlement when given." })
  @OptionalNotNull()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  entitlements?: PoolEntitlementInput[];
}
