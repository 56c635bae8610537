import { AlertKind, AlertStatus } from "@atrium/schema";
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
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { OptionalNotNull } from "../../graphql/validation.js";

@ObjectType("AlertRule")
export class AlertRuleType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => AlertKind)
  kind: AlertKind;

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

  @Field(() => AlertStatus)
  status: AlertStatus;

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

  @Field(() => AlertKind)
  @IsEnum(AlertKind)
  kind: AlertKind;

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
