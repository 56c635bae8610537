"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton, TextField } from "@/components/forms/fields";
import type { PriceListQuery } from "@/generated/graphql";
import { setPriceListAction } from "../billing.actions";

type Prices = NonNullable<PriceListQuery["priceList"]>;

const trim = (price: string | null | undefined) => price?.replace(/\.?0+$/, "") ?? "";

/** The tenant's unit prices; an empty price leaves that resource uncharged. */
export function PriceListForm({ tenantId, prices }: { tenantId: string; prices: Prices | null }) {
  return (
    <ActionForm action={setPriceListAction} aria-label="Price list">
      <input type="hidden" name="tenantId" value={tenantId} />
      <TextField name="currency" label="Currency" required maxLength={3} defaultValue={prices?.currency ?? "EUR"} />
      <div className="form-grid">
        <TextField name="desktopHour" label="Per desktop-hour" defaultValue={trim(prices?.desktopHour)} />
        <TextField name="vcpuHour" label="Per vCPU-hour" defaultValue={trim(prices?.vcpuHour)} />
      </div>
      <div className="form-grid">
        <TextField name="ramGbHour" label="Per RAM GB-hour" defaultValue={trim(prices?.ramGbHour)} />
        <TextField name="storageGbHour" label="Per storage GB-hour" defaultValue={trim(prices?.storageGbHour)} />
      </div>
      <div className="row">
        <SubmitButton>Save prices</SubmitButton>
      </div>
    </ActionForm>
  );
}
