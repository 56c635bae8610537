import { ReportDeliveryStatus, ReportFormat, ReportKind, ReportPeriod } from "@atrium/schema";
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsTimeZone,
  Length,
  Max,
  Min,
} from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";
import { OptionalNotNull } from "../../graphql/validation.js";

@ObjectType("ReportSchedule", { description: "A report e-mailed after each period; MSP-wide ones cover every tenant." })
export class ReportScheduleType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ReportKind)
  report: ReportKind;

  @Field(() => [ReportFormat])
  formats: ReportFormat[];

  @Field(() => ReportPeriod)
  period: ReportPeriod;

  @Field({ description: "IANA time zone of the period boundaries and of the dates in the report." })
  timeZone: string;

  @Field(() => Int, { description: "Local hour (0–23) on the day after the period at which it is sent." })
  hour: number;

  @Field(() => [String])
  recipients: string[];

  @Field()
  enabled: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType("ReportDelivery", { description: "One entry of the delivery log." })
export class ReportDeliveryType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  scheduleId: string;

  @Field()
  periodStart: Date;

  @Field()
  periodEnd: Date;

  @Field(() => ReportDeliveryStatus)
  status: ReportDeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => String, { nullable: true })
  messageId: string | null;

  @Field(() => [String])
  recipients: string[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}

@ObjectType()
export class ReportDeliveryConnection extends ConnectionType("ReportDelivery", ReportDeliveryType) {}

const RECIPIENTS_MAX = 50;

@InputType()
export class CreateReportScheduleInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => ReportKind)
  @IsEnum(ReportKind)
  report: ReportKind;

  @Field(() => [ReportFormat])
  @ArrayNotEmpty({ message: "formats must name at least one format" })
  @ArrayUnique()
  @IsEnum(ReportFormat, { each: true })
  formats: ReportFormat[];

  @Field(() => ReportPeriod)
  @IsEnum(ReportPeriod)
  period: ReportPeriod;

  @Field({ defaultValue: "UTC" })
  @IsTimeZone({ message: "timeZone must be an IANA time zone such as Europe/Berlin" })
  timeZone: string;

  @Field(() => Int, { defaultValue: 6 })
  @IsInt()
  @Min(0)
  @Max(23)
  hour: number;

  @Field(() => [String])
  @ArrayNotEmpty({ message: "recipients must list at least one address" })
  @ArrayMaxSize(RECIPIENTS_MAX)
  @IsEmail({}, { each: true, message: "each recipient must be an e-mail address" })
  recipients: string[];

  @Field({ defaultValue: true })
  @IsBoolean()
  enabled: boolean;
}

@InputType()
export class UpdateReportScheduleInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => [ReportFormat], { nullable: true })
  @OptionalNotNull()
  @ArrayNotEmpty({ message: "formats must name at least one format" })
  @ArrayUnique()
  @IsEnum(ReportFormat, { each: true })
  formats?: ReportFormat[];

  @Field(() => ReportPeriod, { nullable: true })
  @OptionalNotNull()
  @IsEnum(ReportPeriod)
  period?: ReportPeriod;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @IsTimeZone({ message: "timeZone must be an IANA time zone such as Europe/Berlin" })
  timeZone?: string;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(23)
  hour?: number;

  @Field(() => [String], { nullable: true })
  @OptionalNotNull()
  @ArrayNotEmpty({ message: "recipients must list at least one address" })
  @ArrayMaxSize(RECIPIENTS_MAX)
  @IsEmail({}, { each: true, message: "each recipient must be an e-mail address" })
  recipients?: string[];

  @Field(() => Boolean, { nullable: true })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}
