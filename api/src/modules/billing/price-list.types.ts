import { IsOptional, IsUUID, Matches } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { DecimalScalar } from "../metering/usage.types.js";

/** Six places at most, never negative: the same grain as the metered quantities, so amounts stay exact. */
const UNIT_PRICE = /^\d{1,12}(\.\d{1,6})?$/;
const UNIT_PRICE_MESSAGE = "Use a non-negative decimal with at most six places, e.g. 0.125";

@ObjectType("PriceList", {
  description:
    "What the MSP charges one tenant per unit of metered usage; a null price leaves that resource uncharged.",
})
export class PriceListType {
  @Field(() => ID)
  tenantId: string;

  @Field({ description: "ISO 4217 currency code, e.g. EUR." })
  currency: string;

  @Field(() => DecimalScalar, { nullable: true, description: "Per desktop-hour (powered on)." })
  desktopHour: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Per vCPU-hour." })
  vcpuHour: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Per RAM GB-hour." })
  ramGbHour: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Per storage GB-hour." })
  storageGbHour: string | null;

  @Field()
  updatedAt: Date;
}

@InputType()
export class SetPriceListInput {
  @Field(() => ID)
  @IsUUID()
  tenantId: string;

  @Field({ description: "ISO 4217 currency code, e.g. EUR." })
  @Matches(/^[A-Z]{3}$/, { message: "Use a three-letter ISO 4217 code in capitals, e.g. EUR" })
  currency: string;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @Matches(UNIT_PRICE, { message: UNIT_PRICE_MESSAGE })
  desktopHour?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @Matches(UNIT_PRICE, { message: UNIT_PRICE_MESSAGE })
  vcpuHour?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @Matches(UNIT_PRICE, { message: UNIT_PRICE_MESSAGE })
  ramGbHour?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @Matches(UNIT_PRICE, { message: UNIT_PRICE_MESSAGE })
  storageGbHour?: string | null;
}
