import { LoginReportOutcome } from "@atrium/schema";
import { IsDate, IsOptional, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";

@InputType({ description: "A half-open period [from, to), at most 400 days." })
export class ReportRangeInput {
  @Field()
  @IsDate()
  from: Date;

  @Field()
  @IsDate()
  to: Date;
}

@ArgsType()
export class ReportPageArgs {
  @Field(() => ReportRangeInput)
  filter: ReportRangeInput;

  @Field(() => Int, { defaultValue: 100, description: "Page size, 1 to 1000." })
  @Min(1)
  @Max(1000)
  first: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  after?: string | null;
}

@ObjectType("LoginHistoryEntry")
export class LoginHistoryEntryType {
  @Field(() => ID)
  id: string;

  @Field()
  time: Date;

  @Field()
  user: string;

  @Field()
  sourceIp: string;

  @Field(() => String, { nullable: true, description: "The tenant's locations the source address was in." })
  location: string | null;

  @Field()
  identityProvider: string;

  @Field(() => String, { nullable: true })
  mfa: string | null;

  @Field(() => LoginReportOutcome)
  outcome: LoginReportOutcome;

  @Field(() => String, { nullable: true })
  reason: string | null;
}

@ObjectType()
export class LoginHistoryConnection extends ConnectionType("LoginHistoryEntry", LoginHistoryEntryType) {}

@ObjectType("AssignmentHistoryEntry")
export class AssignmentHistoryEntryType {
  @Field(() => ID)
  id: string;

  @Field()
  user: string;

  @Field()
  desktop: string;

  @Field()
  pool: string;

  @Field()
  assignedAt: Date;

  @Field(() => Date, { nullable: true })
  releasedAt: Date | null;

  @Field(() => String, { nullable: true })
  releaseReason: string | null;
}

@ObjectType()
export class AssignmentHistoryConnection extends ConnectionType("AssignmentHistoryEntry", AssignmentHistoryEntryType) {}

@ObjectType("BrokerHourlyPoint")
export class BrokerHourlyPointType {
  @Field()
  hour: Date;

  @Field(() => Int)
  logins: number;

  @Field(() => Int)
  failedLogins: number;

  @Field(() => Int)
  connects: number;

  @Field(() => Float, {
    nullable: true,
    description: "Milliseconds from connect request to assignment; null when nobody connected that hour.",
  })
  connectLatencyP50Ms: number | null;

  @Field(() => Float, { nullable: true })
  connectLatencyP95Ms: number | null;
}

@ObjectType("PoolMetrics")
export class PoolMetricsType {
  @Field()
  pool: string;

  @Field(() => Int)
  desktops: number;

  @Field(() => Int, { nullable: true })
  maxDesktops: number | null;

  @Field(() => Float)
  avgInUse: number;

  @Field(() => Int)
  peakInUse: number;

  @Field(() => Int)
  headroom: number;

  @Field(() => Int)
  provisioningRequested: number;

  @Field(() => Int)
  provisioningSucceeded: number;
}

@ObjectType("CapacityQuota")
export class CapacityQuotaType {
  @Field()
  resource: string;

  @Field()
  unit: string;

  @Field(() => Float)
  used: number;

  @Field(() => Float, { nullable: true })
  quota: number | null;
}

@ObjectType("BrokerMetrics")
export class BrokerMetricsType {
  @Field(() => [BrokerHourlyPointType])
  hourly: BrokerHourlyPointType[];

  @Field(() => [PoolMetricsType])
  pools: PoolMetricsType[];

  @Field(() => [CapacityQuotaType])
  capacity: CapacityQuotaType[];
}
