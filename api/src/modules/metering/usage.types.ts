import { IsOptional, IsUUID } from "class-validator";
import { GraphQLScalarType, Kind } from "graphql";
import { ArgsType, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";

/** Exact decimal quantities travel as strings, so no client parses a billed amount into a binary float by accident. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: "Decimal",
  description: 'An exact decimal number as a string, e.g. "12.500000".',
  serialize: (value) => String(value),
  parseValue: (value) => String(value),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : String((ast as { value?: unknown }).value ?? "")),
});

// Shared fields only; never referenced by a resolver, so type-graphql does not emit it as a type.
@ObjectType("UsageQuantities")
export abstract class UsageQuantities {
  @Field(() => DecimalScalar, { description: "Hours the desktops were powered on." })
  poweredOnHours: string;

  @Field(() => DecimalScalar, { description: "Hours the desktops were assigned to a user." })
  assignedHours: string;

  @Field(() => DecimalScalar, { description: "Hours users had a session on the desktops." })
  sessionHours: string;

  @Field(() => DecimalScalar, { description: "vCPU count times powered-on hours." })
  vcpuHours: string;

  @Field(() => DecimalScalar, { description: "RAM in GiB times powered-on hours." })
  ramGbHours: string;

  @Field(() => DecimalScalar, { description: "Allocated storage in GB times hours the server existed." })
  storageGbHours: string;
}

@ObjectType("UsageRecord", { description: "Metered usage of one UTC hour for one pool, flavor and user." })
export class UsageRecordType extends UsageQuantities {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field({ description: "Start of the UTC hour." })
  hourStart: Date;

  @Field(() => ID)
  poolId: string;

  @Field({ description: "The pool's name when the hour was metered." })
  poolName: string;

  @Field()
  flavorRef: string;

  @Field(() => ID, { nullable: true, description: "Null for time the desktop was not assigned to anyone." })
  userId: string | null;

  @Field(() => String, { nullable: true })
  username: string | null;

  @Field({ description: "When this hour was last metered; re-metering replaces the record." })
  meteredAt: Date;
}

@ObjectType()
export class UsageRecordConnection extends ConnectionType("UsageRecord", UsageRecordType) {}

@InputType()
export class UsageFilter {
  @Field({ description: "Hours starting at or after this instant." })
  from: Date;

  @Field({ description: "Hours starting before this instant." })
  to: Date;

  @Field(() => ID, { nullable: true, description: "MSP callers only narrow by it; tenant callers see their own." })
  @IsOptional()
  @IsUUID()
  tenantId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  poolId?: string | null;
}

@ObjectType("UsageSummaryRow", { description: "Totals for one combination of the requested groups." })
export class UsageSummaryRowType extends UsageQuantities {
  @Field(() => ID, { nullable: true })
  tenantId: string | null;

  @Field(() => ID, { nullable: true })
  poolId: string | null;

  @Field(() => String, { nullable: true })
  poolName: string | null;

  @Field(() => String, { nullable: true })
  flavorRef: string | null;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field(() => String, { nullable: true })
  username: string | null;

  @Field(() => String, { nullable: true, description: "Local date (YYYY-MM-DD) in the requested time zone." })
  day: string | null;

  @Field(() => Int, { description: "Usage records folded into this row." })
  records: number;
}

@ArgsType()
export class MeterUsageArgs {
  @Field({ description: "Start of the first hour to re-meter (rounded down to the hour)." })
  from: Date;

  @Field({ description: "End of the last hour (rounded down; hours still running are never metered)." })
  to: Date;

  @Field(() => ID, { nullable: true, description: "One tenant only; every tenant when left out." })
  @IsOptional()
  @IsUUID()
  tenantId?: string | null;
}

@ObjectType("MeterUsageResult")
export class MeterUsageResultType {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => Int)
  tenants: number;

  @Field(() => Int, { description: "Usage records the period holds after metering." })
  records: number;

  @Field(() => Int, {
    description: "Tenant-hours whose records were replaced because history changed; the others were kept as they were.",
  })
  changedHours: number;
}
