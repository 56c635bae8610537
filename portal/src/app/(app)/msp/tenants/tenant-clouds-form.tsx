"use client";

import { ActionForm } from "@/components/forms/action-form";
import { CheckboxGroup, SubmitButton } from "@/components/forms/fields";
import { CloudStatus } from "@/generated/graphql";
import { setTenantCloudsAction } from "./tenants.actions";

interface TenantCloudsFormProps {
  tenantId: string;
  /** Every registered cloud. */
  clouds: { id: string; name: string; region: string | null; status: CloudStatus }[];
  /** Those the tenant may use now. */
  granted: string[];
}

/** The MSP ticks the clouds a tenant may build pools on; the tenant sees no other. */
export function TenantCloudsForm({ tenantId, clouds, granted }: TenantCloudsFormProps) {
  const options = clouds.map((cloud) => ({
    value: cloud.id,
    label: `${cloud.region ? `${cloud.name} (${cloud.region})` : cloud.name}${
      // A broken cloud can be granted, but the tenant cannot build on it until it passes a check again.
      cloud.status === CloudStatus.ERROR ? " — last check failed" : ""
    }`,
  }));
  return (
    <ActionForm action={setTenantCloudsAction} aria-label="Clouds">
      <input type="hidden" name="tenantId" value={tenantId} />
      <CheckboxGroup
        name="cloudIds"
        legend="Clouds the tenant may use"
        hint="The tenant sees only these when it builds pools. A cloud its pools are built on cannot be taken away."
        options={options}
        defaultChecked={granted}
      />
      <div className="row">
        <SubmitButton>Save clouds</SubmitButton>
      </div>
    </ActionForm>
  );
}
