import { Field, ObjectType } from "type-graphql";
import { DecimalScalar, UsageSummaryRowType } from "../metering/usage.types.js";

@ObjectType("UsageChargeRow", {
  description:
    "usageSummary's totals for one tenant (and the other requested groups) priced with the tenant's price list. " +
    "Amounts are exact to six places (quantity × unit price, rounded half up); null without a price.",
})
export class UsageChargeRowType extends UsageSummaryRowType {
  @Field(() => String, { nullable: true, description: "The price list's currency; null when the tenant has none." })
  currency: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  desktopAmount: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  vcpuAmount: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  ramAmount: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  storageAmount: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "The sum of the priced amounts." })
  totalAmount: string | null;
}
