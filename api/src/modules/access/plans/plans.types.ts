import { DisplayProtocol, GatewayUsage, PlanPowerAction, ReleaseDisposition } from "@atrium/schema";
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsOptional,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../../graphql/connection.js";

/** Two weeks: Leostream's longest timer, and long enough for any idle/disconnect policy. */
const MAX_MINUTES = 20_160;

@ObjectType("ProtocolSetting")
export class ProtocolSettingType {
  @Field(() => DisplayProtocol)
  protocol: DisplayProtocol;

  @Field(() => Int, { description: "Lower is preferred." })
  priority: number;

  @Field(() => Int, { nullable: true, description: "Port on the desktop; the protocol's default when null." })
  port: number | null;

  @Field(() => GatewayUsage, { description: "WHEN_REQUIRED: only when the user's location demands it." })
  gateway: GatewayUsage;

  @Field(() => [String], { description: "Extra .rdp file lines (RDP only)." })
  rdpOptions: string[];
}

@ObjectType("ProtocolPlan")
export class ProtocolPlanType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [ProtocolSettingType])
  protocols: ProtocolSettingType[];

  @Field()
  createdAt: Date;

  @Field({ description: "Send it back as expectedUpdatedAt when editing, so a stale copy is refused." })
  updatedAt: Date;
}

@InputType()
export class ProtocolSettingInput {
  @Field(() => DisplayProtocol)
  @IsEnum(DisplayProtocol)
  protocol: DisplayProtocol;

  @Field(() => Int, { defaultValue: 1 })
  @Min(1)
  @Max(99)
  priority: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(65535)
  port?: number | null;

  @Field(() => GatewayUsage, { defaultValue: "when_required" })
  @IsEnum(GatewayUsage)
  gateway: GatewayUsage;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  @MaxLength(200, { each: true })
  rdpOptions: string[];
}

@InputType()
export class ProtocolPlanInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => [ProtocolSettingInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  protocols: ProtocolSettingInput[];
}

@ObjectType("PowerPlan")
export class PowerPlanType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => PlanPowerAction)
  onDisconnect: PlanPowerAction;

  @Field(() => Int)
  onDisconnectMinutes: number;

  @Field(() => PlanPowerAction)
  onLogout: PlanPowerAction;

  @Field(() => Int)
  onLogoutMinutes: number;

  @Field(() => PlanPowerAction)
  onRelease: PlanPowerAction;

  @Field(() => Int)
  onReleaseMinutes: number;

  @Field()
  createdAt: Date;

  @Field({ description: "Send it back as expectedUpdatedAt when editing, so a stale copy is refused." })
  updatedAt: Date;
}

@InputType()
export class PowerPlanInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => PlanPowerAction, { defaultValue: "none" })
  @IsEnum(PlanPowerAction)
  onDisconnect: PlanPowerAction;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(MAX_MINUTES)
  onDisconnectMinutes: number;

  @Field(() => PlanPowerAction, { defaultValue: "none" })
  @IsEnum(PlanPowerAction)
  onLogout: PlanPowerAction;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(MAX_MINUTES)
  onLogoutMinutes: number;

  @Field(() => PlanPowerAction, { defaultValue: "none" })
  @IsEnum(PlanPowerAction)
  onRelease: PlanPowerAction;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(MAX_MINUTES)
  onReleaseMinutes: number;
}

@ObjectType("ReleasePlan")
export class ReleasePlanType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int, { nullable: true, description: "Release N minutes after a disconnect; null: never." })
  releaseAfterDisconnectMinutes: number | null;

  @Field(() => Int, { nullable: true, description: "Release N minutes after a logout; null: never." })
  releaseAfterLogoutMinutes: number | null;

  @Field({ description: "Persistent entitlements keep their desktop whatever the timers say." })
  keepPersistent: boolean;

  @Field(() => ReleaseDisposition, { description: "What happens to a non-persistent desktop once released." })
  onRelease: ReleaseDisposition;

  @Field()
  createdAt: Date;

  @Field({ description: "Send it back as expectedUpdatedAt when editing, so a stale copy is refused." })
  updatedAt: Date;
}

@InputType()
export class ReleasePlanInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(MAX_MINUTES)
  releaseAfterDisconnectMinutes?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(MAX_MINUTES)
  releaseAfterLogoutMinutes?: number | null;

  @Field({ defaultValue: true })
  keepPersistent: boolean;

  @Field(() => ReleaseDisposition, { defaultValue: "keep" })
  @IsEnum(ReleaseDisposition)
  onRelease: ReleaseDisposition;
}

@ObjectType()
export class ProtocolPlanConnection extends ConnectionType("ProtocolPlan", ProtocolPlanType) {}
@ObjectType()
export class PowerPlanConnection extends ConnectionType("PowerPlan", PowerPlanType) {}
@ObjectType()
export class ReleasePlanConnection extends ConnectionType("ReleasePlan", ReleasePlanType) {}
