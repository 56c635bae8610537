"use client";

import { ActionForm } from "@/components/forms/action-form";
import { CheckboxGroup, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { PoolInventoryQuery } from "@/generated/graphql";
import { USER_DATA } from "./pool-options";
import { CREATE_DEFAULTS, PoolScalingFields } from "./pool-scaling-fields";
import { createPoolAction } from "./pools.actions";

type Inventory = PoolInventoryQuery["poolInventory"];

const gb = (mb: number) => `${Math.round((mb / 1024) * 10) / 10} GB`;

interface PoolCreateFormProps {
  cloudId: string;
  inventory: Inventory;
}

/** Every picker lists what the tenant's own project sees of the cloud right now; the API re-checks on submit. */
export function PoolCreateForm({ cloudId, inventory }: PoolCreateFormProps) {
  const none = { value: "", label: "Choose…" };
  return (
    <ActionForm action={createPoolAction} className="form form-wide" aria-label="New pool">
      <input type="hidden" name="cloudId" value={cloudId} />
      <div className="form-grid">
        <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Finance" />
        <TextField name="description" label="Description" maxLength={1000} hint="Optional." />
      </div>

      <fieldset className="form-section">
        <legend>Golden image and size</legend>
        <div className="form-grid">
          <SelectField
            name="imageRef"
            label="Golden image"
            required
            options={[
              none,
              ...inventory.images.map((image) => ({
                value: image.id,
                label: `${image.name}${image.osType ? ` (${image.osType})` : ""}`,
              })),
            ]}
          />
          <SelectField
            name="flavorRef"
            label="Flavor"
            required
            options={[
              none,
              ...inventory.flavors.map((flavor) => ({
                value: flavor.id,
                label: `${flavor.name} — ${flavor.vcpus} vCPU, ${gb(flavor.ramMb)} RAM`,
              })),
            ]}
          />
        </div>
        <CheckboxGroup
          name="networkIds"
          legend="Networks"
          options={inventory.networks.map((network) => ({
            value: network.id,
            label: `${network.name}${network.shared ? " (shared)" : ""}`,
          }))}
          hint="Desktops get an address on each network you pick."
        />
        {inventory.securityGroups.length > 0 ? (
          <CheckboxGroup
            name="securityGroups"
            legend="Security groups"
            options={inventory.securityGroups.map((group) => ({ value: group.name, label: group.name }))}
            hint="Optional; the project's default group applies otherwise."
          />
        ) : null}
        <div className="form-grid">
          <TextField
            name="bootVolumeGb"
            label="Boot volume (GiB)"
            type="number"
            min={1}
            hint="Leave empty to boot from the flavor's local disk."
          />
          <SelectField
            name="storagePolicy"
            label="Storage policy"
            options={[
              { value: "", label: "Cloud default" },
              ...inventory.volumeTypes.map((type) => ({ value: type.name, label: type.name })),
            ]}
          />
          <SelectField
            name="availabilityZone"
            label="Availability zone"
            options={[
              { value: "", label: "Any" },
              ...inventory.availabilityZones
                .filter((zone) => zone.available)
                .map((zone) => ({ value: zone.name, label: zone.name })),
            ]}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Desktop names</legend>
        <div className="form-grid">
          <TextField
            name="namePattern"
            label="Name pattern"
            required
            maxLength={64}
            defaultValue="{TENANT}-{SEQ:3}"
            hint="{SEQ} or {SEQ:3} once (the number), optionally {TENANT} and {POOL}. It becomes the hostname."
          />
          <SelectField
            name="userDataKind"
            label="Guest initialisation"
            options={USER_DATA}
            hint="Windows names are limited to 15 characters."
          />
        </div>
      </fieldset>

      <PoolScalingFields defaults={CREATE_DEFAULTS} />

      <div className="row">
        <SubmitButton>Create pool</SubmitButton>
      </div>
    </ActionForm>
  );
}
