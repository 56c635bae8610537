import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../../graphql/connection.js";

export const PROTOCOLS = ["RDP", "VNC", "SSH", "HTML5"] as const;
export const GATEWAY_USAGES = ["never", "always", "when_required"] as const;
export const POWER_ACTIONS = ["none", "suspend", "stop", "shelve"] as const;
export const RELEASE_DISPOSITIONS = ["keep", "rebuild", "terminate"] as const;
/** Two weeks: Leostream's longest timer, and long enough for any idle/disconnect policy. */
const MAX_MINUTES = 20_160;

@ObjectType("ProtocolSetting")
export class ProtocolSettingType {
  @Field()
  protocol: string;

  @Field(() => Int, { description: "Lower is preferred." })
  priority: number;

  @Field(() => Int, { nullable: true, description: "Port on the desktop; the protocol's default when null." })
  port: number | null;

  @Field({ description: "never, always or when_required (only when the user's location demands it)." })
  gateway: string;

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
}

@InputType()
export class ProtocolSettingInput {
  @Field()
  @IsIn(PROTOCOLS)
  protocol: string;

  @Field(() => Int, { defaultValue: 1 })
  @Min(1)
  @Max(99)
  priority: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(65535)
  port?: number | null;

  @Field({ defaultValue: "when_required" })
  @IsIn(GATEWAY_USAGES)
  gateway: string;

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

  @Field({ description: "none, suspend, stop or shelve." })
  onDisconnect: string;

  @Field(() => Int)
  onDisconnectMinutes: number;

  @Field()
  onLogout: string;

  @Field(() => Int)
  onLogoutMinutes: number;

  @Field()
  onRelease: string;

  @Field(() => Int)
  onReleaseMinutes: number;

  @Field()
  createdAt: Date;
}

@InputType()
export class PowerPlanInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field({ defaultValue: "none" })
  @IsIn(POWER_ACTIONS)
  onDisconnect: string;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(MAX_MINUTES)
  onDisconnectMinutes: number;

  @Field({ defaultValue: "none" })
  @IsIn(POWER_ACTIONS)
  onLogout: string;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(MAX_MINUTES)
  onLogoutMinutes: number;

  @Field({ defaultValue: "none" })
  @IsIn(POWER_ACTIONS)
  onRelease: string;

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

  @Field({ description: "keep, rebuild or terminate a non-persistent desktop once released." })
  onRelease: string;

  @Field()
  createdAt: Date;
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

  @Field({ defaultValue: "keep" })
  @IsIn(RELEASE_DISPOSITIONS)
  onRelease: string;
}

@ObjectType()
export class ProtocolPlanConnection extends ConnectionType("ProtocolPlan", ProtocolPlanType) {}
@ObjectType()
export class PowerPlanConnection extends ConnectionType("PowerPlan", PowerPlanType) {}
@ObjectType()
export class ReleasePlanConnection extends ConnectionType("ReleasePlan", ReleasePlanType) {}
