import {
  DesiredPowerState,
  DesktopAvailability,
  DesktopPendingAction,
  DesktopProvisioningState,
  DesktopSessionSummary,
  PowerState,
} from "@atrium/schema";
import { IsBoolean, IsEnum, IsOptional, IsUUID, MaxLength } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";

@ObjectType("Desktop")
export class DesktopType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int)
  seq: number;

  @Field(() => [String])
  addresses: string[];

  @Field(() => PowerState, { description: "What the cloud reports." })
  observedPowerState: PowerState;

  @Field(() => DesiredPowerState, { description: "What the controller drives the desktop towards." })
  desiredPowerState: DesiredPowerState;

  @Field(() => DesktopAvailability, {
    description: "UNAVAILABLE while out of service (never offered), whatever the controller last recorded.",
  })
  availability: DesktopAvailability;

  @Field(() => DesktopSessionSummary)
  sessionState: DesktopSessionSummary;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  outOfService: boolean;

  @Field(() => DesktopProvisioningState)
  provisioningState: DesktopProvisioningState;

  @Field(() => DesktopPendingAction, { nullable: true, description: "Waiting for the controller's next pass." })
  pendingAction: DesktopPendingAction | null;

  @Field(() => String, {
    nullable: true,
    description: "Raw cloud status with the running task, e.g. SHUTOFF/powering-on.",
  })
  serverStatus: string | null;

  @Field()
  createdAt: Date;

  poolId: string;
  assignedUserId: string | null;
}

@ObjectType()
export class DesktopConnection extends ConnectionType("Desktop", DesktopType) {}

@InputType()
export class DesktopFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "poolId must be a pool id" })
  poolId?: string | null;

  @Field(() => DesktopAvailability, { nullable: true })
  @IsOptional()
  @IsEnum(DesktopAvailability)
  availability?: DesktopAvailability | null;

  @Field(() => PowerState, { nullable: true, description: "The power state the cloud reports." })
  @IsOptional()
  @IsEnum(PowerState)
  powerState?: PowerState | null;

  @Field(() => Boolean, { nullable: true, description: "Only desktops out of service (true) or in service (false)." })
  @IsOptional()
  @IsBoolean()
  outOfService?: boolean | null;

  @Field(() => String, { nullable: true, description: "Matches the desktop name." })
  @IsOptional()
  @MaxLength(64)
  search?: string | null;
}
