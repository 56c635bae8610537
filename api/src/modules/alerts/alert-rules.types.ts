import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  Length,
  Max,
  Min,
} from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { OptionalNotNull } from "../../graphql/validation.js";

export enum AlertKindEnum {
  POOL_AVAILABLE_BELOW = "POOL_AVAILABLE_BELOW",
  POOL_PAUSED = "POOL_PAUSED",
  CLOUD_UNREACHABLE = "CLOUD_UNREACHABLE",
  QUOTA_ABOVE = "QUOTA_ABOVE",
  FAILED_LOGIN_SPIKE = "FAILED_LOGIN_SPIKE",
  REPORT_DELIVERY_FAILED = "REPORT_DELIVERY_FAILED",
}

registerEnumType(AlertKindEnum, {
  name: "AlertKind",
  description:
    "POOL_AVAILABLE_BELOW (threshold = desktops), POOL_PAUSED, CLOUD_UNREACHABLE, QUOTA_ABOVE (threshold = percent), " +
    "FAILED_LOGIN_SPIKE (threshold failures within windowMinutes), REPORT_DELIVERY_FAILED.",
});

@ObjectType("AlertRule")
export class AlertRuleType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => AlertKindEnum)
  kind: AlertKindEnum;

  @Field(() => Int, { nullable: true })
  threshold: number | null;

  @Field(() => Int, { nullable: true })
  windowMinutes: number | null;

  @Field(() => [String])
  recipients: string[];

  @Field(() => Int)
  maxEmailsPerHour: number;

  @Field()
  enabled: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType("Alert", { description: "A raised alert: open while its condition holds, then resolved." })
export class AlertStateType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  ruleId: string;

  @Field()
  subjectLabel: string;

  @Field({ description: "open or resolved." })
  status: string;

  @Field()
  message: string;

  @Field()
  openedAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;
}

@InputType()
export class CreateAlertRuleInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => AlertKindEnum)
  @IsEnum(AlertKindEnum)
  kind: AlertKindEnum;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  threshold?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  windowMinutes?: number | null;

  @Field(() => [String])
  @ArrayNotEmpty({ message: "recipients must list at least one address" })
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true, message: "each recipient must be an e-mail address" })
  recipients: string[];

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxEmailsPerHour: number;

  @Field({ defaultValue: true })
  @IsBoolean()
  enabled: boolean;
}

@InputType()
export class UpdateAlertRuleInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  threshold?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  windowMinutes?: number | null;

  @Field(() => [String], { nullable: true })
  @OptionalNotNull()
  @ArrayNotEmpty({ message: "recipients must list at least one address" })
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true, message: "each recipient must be an e-mail address" })
  recipients?: string[];

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  maxEmailsPerHour?: number;

  @Field(() => Boolean, { nullable: true })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}
