import { CloudStatus, TenantOverviewSort, TenantStatus } from "@atrium/schema";
import { IsOptional, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";
import { DecimalScalar } from "../metering/usage.types.js";
import { TenantType } from "../tenants/tenants.types.js";

// Desktop counts by availability: shared fields of the fleet's totals and each tenant's row.
@ObjectType("DesktopCounts")
export abstract class DesktopCounts {
  @Field(() => Int, { description: "Every desktop, whatever its state." })
  desktops: number;

  @Field(() => Int, { description: "Free and ready to be handed out." })
  availableDesktops: number;

  @Field(() => Int)
  assignedDesktops: number;

  @Field(() => Int, { description: "Unavailable, being provisioned or being deleted." })
  otherDesktops: number;

  @Field(() => Int, { description: "Sessions that have not ended." })
  sessionsNow: number;

  @Field(() => DecimalScalar, { description: "Desktop-hours (powered on) metered since the start of the UTC month." })
  desktopHoursThisMonth: string;

  @Field(() => Int, { description: "Open alerts." })
  openAlerts: number;
}

@ObjectType("FleetTotals", { description: "The whole installation; openAlerts includes the MSP's own." })
export class FleetTotalsType extends DesktopCounts {
  @Field(() => Int)
  tenants: number;

  @Field(() => Int)
  activeTenants: number;
}

@ObjectType("CloudHealth")
export class CloudHealthType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => CloudStatus)
  status: CloudStatus;

  @Field(() => String, { nullable: true })
  statusMessage: string | null;

  @Field(() => Date, { nullable: true, description: "When the worker last checked the cloud." })
  lastCheckedAt: Date | null;
}

@ObjectType("FleetActivityDay", { description: "One UTC day of the whole installation." })
export class FleetActivityDayType {
  @Field({ description: "YYYY-MM-DD (UTC)." })
  day: string;

  @Field(() => Int, { description: "Desktop sessions started that day." })
  sessions: number;

  @Field(() => Int, { description: "Successful sign-ins that day." })
  signIns: number;

  @Field(() => Int, { description: "Refused sign-ins (failed, locked or throttled) that day." })
  failedSignIns: number;
}

@ObjectType("FleetOverview", { description: "What the MSP's landing page shows." })
export class FleetOverviewType {
  @Field(() => FleetTotalsType)
  totals: FleetTotalsType;

  @Field(() => [CloudHealthType])
  clouds: CloudHealthType[];

  @Field(() => [FleetActivityDayType], { description: "The last 30 UTC days, today included, oldest first." })
  activity: FleetActivityDayType[];
}

@ObjectType("TenantOverviewRow")
export class TenantOverviewRowType extends DesktopCounts {
  @Field(() => TenantType)
  tenant: TenantType;

  @Field(() => Int, { nullable: true, description: "Desktops as a percentage of the tenant's limit; null: no limit." })
  quotaUsePercent: number | null;

  @Field(() => Date, { nullable: true, description: "The tenant's latest successful sign-in." })
  lastSignInAt: Date | null;
}

@ObjectType("TenantOverviewPage")
export class TenantOverviewPageType {
  @Field(() => Int, { description: "Tenants matching the search and status filter." })
  totalCount: number;

  @Field(() => [TenantOverviewRowType])
  rows: TenantOverviewRowType[];
}

@ArgsType()
export class TenantOverviewArgs {
  @Field(() => String, { nullable: true, description: "Part of the tenant's name or slug, any case." })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;

  @Field(() => TenantStatus, { nullable: true })
  @IsOptional()
  status?: TenantStatus | null;

  @Field(() => TenantOverviewSort, { defaultValue: TenantOverviewSort.NAME })
  sort: TenantOverviewSort;

  @Field({ defaultValue: false })
  descending: boolean;

  @Field(() => Int, { defaultValue: 25, description: "Page size, 1 to 200." })
  @Min(1)
  @Max(200)
  first: number;

  @Field(() => Int, { defaultValue: 0, description: "Rows to skip (the table's page × size)." })
  @Min(0)
  @Max(100_000)
  offset: number;
}
