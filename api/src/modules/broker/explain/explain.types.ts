import { AccessDecisionReason, ClientKind, DisplayProtocol, OfferSortOrder, Role, RuleEffect } from "@atrium/schema";
import { IsEnum, IsOptional, IsUUID, MaxLength } from "class-validator";
import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";
import { LocationType, PolicyType } from "../../access/index.js";

@ArgsType()
export class ExplainAccessArgs {
  @Field(() => ID)
  @IsUUID("all", { message: "userId must be an id" })
  userId: string;

  @Field({ description: "The client address to evaluate (IPv4 or IPv6)." })
  @MaxLength(64)
  clientAddress: string;

  @Field(() => Date, { nullable: true, description: "When; default now." })
  @IsOptional()
  time?: Date | null;

  @Field(() => ClientKind, { defaultValue: "web" })
  @IsEnum(ClientKind)
  clientKind: ClientKind;

  @Field({ defaultValue: false, description: "As if the request came through the gateway." })
  viaGateway: boolean;
}

@ObjectType("AccessRuleTrace")
export class RuleTraceType {
  @Field(() => ID)
  ruleId: string;

  @Field(() => Int)
  position: number;

  @Field(() => RuleEffect, { nullable: true, description: "allow, deny, or null for a rule that cannot be parsed." })
  effect: RuleEffect | null;

  @Field()
  matched: boolean;

  @Field()
  why: string;
}

@ObjectType("ExplainedDesktop")
export class ExplainedDesktopType {
  @Field(() => ID)
  desktopId: string;

  @Field()
  name: string;

  @Field()
  why: string;
}

@ObjectType("ExplainedPool")
export class ExplainedPoolType {
  @Field(() => ID)
  poolId: string;

  @Field()
  poolName: string;

  @Field(() => Int)
  offerCount: number;

  @Field()
  persistent: boolean;

  @Field(() => OfferSortOrder)
  sortOrder: OfferSortOrder;

  @Field(() => [DisplayProtocol], { description: "Protocols usable from this client." })
  protocols: DisplayProtocol[];

  @Field(() => [ExplainedDesktopType])
  offered: ExplainedDesktopType[];

  @Field(() => [ExplainedDesktopType])
  notOffered: ExplainedDesktopType[];
}

@ObjectType("AccessExplanation", {
  description: "Why a user would (not) get in, with which policy, and what is offered.",
})
export class AccessExplanationType {
  @Field()
  allowed: boolean;

  @Field(() => AccessDecisionReason)
  reason: AccessDecisionReason;

  @Field()
  detail: string;

  @Field(() => ID, { nullable: true })
  decidedByRuleId: string | null;

  @Field(() => Role, { nullable: true })
  role: Role | null;

  @Field(() => PolicyType, { nullable: true })
  policy: PolicyType | null;

  @Field()
  mfaRequired: boolean;

  @Field()
  gatewayOnly: boolean;

  @Field()
  html5Only: boolean;

  @Field(() => [DisplayProtocol])
  protocols: DisplayProtocol[];

  @Field(() => [LocationType])
  matchedLocations: LocationType[];

  @Field(() => [RuleTraceType])
  trace: RuleTraceType[];

  @Field(() => [ExplainedPoolType])
  pools: ExplainedPoolType[];
}
