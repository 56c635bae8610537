"use server";

import { revalidatePath } from "next/cache";
import { SetPriceListDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, optionalText, success, text } from "@/lib/form-state";

const PRICE = /^\d{1,12}(\.\d{1,6})?$/;
const PRICES = ["desktopHour", "vcpuHour", "ramGbHour", "storageGbHour"] as const;

export async function setPriceListAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors: Record<string, string> = {};
  const currency = text(formData, "currency").toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = "Use a three-letter currency code, e.g. EUR.";
  const prices = Object.fromEntries(PRICES.map((name) => [name, optionalText(formData, name)]));
  for (const name of PRICES) {
    const price = prices[name];
    if (price && !PRICE.test(price)) errors[name] = "Use a price like 0.125 (at most six decimal places).";
  }
  if (Object.keys(errors).length) return invalid(formData, errors);
  const tenantId = text(formData, "tenantId");
  const outcome = await mutate(SetPriceListDocument, { input: { tenantId, currency, ...prices } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/msp/billing/${tenantId}`);
  return success("The price list was saved.");
}
