import { IsIn, IsOptional, IsUUID, MaxLength } from "class-validator";
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

  @Field({ description: "What the cloud reports: building, running, stopped, suspended, shelved, error…" })
  observedPowerState: string;

  @Field({ description: "What the controller drives the desktop towards." })
  desiredPowerState: string;

  @Field({ description: "provisioning, available, assigned, unavailable or deleting." })
  availability: string;

  @Field()
  sessionState: string;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  outOfService: boolean;

  @Field({ description: "pending, building, ready, failed, deleting or vanished." })
  provisioningState: string;

  @Field(() => String, { nullable: true, description: "reboot or rebuild, waiting for the controller's next pass." })
  pendingAction: string | null;

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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(["provisioning", "available", "assigned", "unavailable", "deleting"])
  availability?: string | null;

  @Field(() => String, { nullable: true, description: "Matches the desktop name." })
  @IsOptional()
  @MaxLength(64)
  search?: string | null;
}
