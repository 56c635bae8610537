import { ParkedPowerState, PoolProvisioningState, PoolStatus, UserDataKind, Weekday } from "@atrium/schema";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";

@ObjectType("PoolScheduleWindow", { description: "Overrides the pool's sizes while open (pool's time zone)." })
export class PoolScheduleWindowType {
  @Field(() => [Weekday], { description: "The day the window starts on." })
  days: Weekday[];

  @Field({ description: "HH:MM." })
  start: string;

  @Field({ description: "HH:MM; at or before start means the window crosses midnight." })
  end: string;

  @Field(() => Int, { nullable: true })
  minTotal?: number | null;

  @Field(() => Int, { nullable: true })
  maxTotal?: number | null;

  @Field(() => Int, { nullable: true })
  minAvailable?: number | null;

  @Field(() => Int, { nullable: true })
  minRunning?: number | null;
}

@ObjectType("PoolDomainJoin", { description: "Active Directory join of new desktops; the password is write-only." })
export class PoolDomainJoinType {
  @Field()
  domain: string;

  @Field(() => String, { nullable: true })
  ou: string | null;

  @Field()
  username: string;

  @Field({ description: "Whether a join password is stored (it is never returned)." })
  passwordSet: boolean;
}

@ObjectType("PoolDesktopLogin", { description: "The gateway's sign-in to the pool's desktops; secrets never leave." })
export class PoolDesktopLoginType {
  @Field()
  username: string;

  @Field()
  passwordSet: boolean;

  @Field()
  privateKeySet: boolean;
}

@ObjectType("PoolDesktopCounts", { description: "The pool's desktops by availability, for progress bars." })
export class PoolDesktopCountsType {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  provisioning: number;

  @Field(() => Int)
  available: number;

  @Field(() => Int)
  assigned: number;

  @Field(() => Int)
  unavailable: number;

  @Field(() => Int)
  deleting: number;

  @Field(() => Int, { description: "Desktops whose build failed or whose server vanished." })
  failed: number;
}

@ObjectType("Pool", { description: "Desktops built from one golden image, scaled by the pool controller." })
export class PoolType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field({ description: "Golden image (Glance id)." })
  imageRef: string;

  @Field()
  flavorRef: string;

  @Field(() => [String])
  networkIds: string[];

  @Field(() => [String])
  securityGroups: string[];

  @Field(() => Int, { nullable: true })
  bootVolumeGb: number | null;

  @Field(() => String, { nullable: true })
  storagePolicy: string | null;

  @Field(() => String, { nullable: true })
  availabilityZone: string | null;

  @Field()
  namePattern: string;

  @Field(() => Int)
  minTotal: number;

  @Field(() => Int)
  maxTotal: number;

  @Field(() => Int)
  minAvailable: number;

  @Field(() => Int)
  minRunning: number;

  @Field()
  enforceLimits: boolean;

  @Field(() => PoolStatus)
  status: PoolStatus;

  @Field(() => String, { nullable: true })
  statusReason: string | null;

  @Field(() => ID)
  cloudId: string;

  @Field({ description: "IANA time zone the schedule windows are read in." })
  timeZone: string;

  @Field(() => [PoolScheduleWindowType])
  schedule: PoolScheduleWindowType[];

  @Field(() => ParkedPowerState, { description: "Power state of unassigned desktops above minRunning." })
  parkedPowerState: ParkedPowerState;

  @Field(() => Int, { description: "This many faults within restraintWindowMinutes pause the pool." })
  restraintFailures: number;

  @Field(() => Int)
  restraintWindowMinutes: number;

  @Field({ description: "Delete servers carrying this pool's tags but no desktop (otherwise only reported)." })
  deleteOrphans: boolean;

  @Field(() => UserDataKind)
  userDataKind: UserDataKind;

  @Field(() => String, { nullable: true })
  userDataTemplate: string | null;

  @Field(() => PoolProvisioningState, { description: "What the controller is doing." })
  provisioningState: PoolProvisioningState;

  @Field(() => String, { nullable: true, description: "Why the pool is blocked or in error." })
  lastError: string | null;

  @Field()
  updatedAt: Date;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class PoolConnection extends ConnectionType("Pool", PoolType) {}
