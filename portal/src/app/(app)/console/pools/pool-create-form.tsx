"use client";

import { ActionForm, useFormState } from "@/components/forms/action-form";
import { CheckboxGroup, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { RepeatedRows } from "@/components/forms/repeated-rows";
import type { PoolInventoryQuery } from "@/generated/graphql";
import { MAX_WINDOWS, WEEKDAYS, windowField } from "./pool-input";
import { createPoolAction } from "./pools.actions";

type Inventory = PoolInventoryQuery["poolInventory"];

const gb = (mb: number) => `${Math.round((mb / 1024) * 10) / 10} GB`;

const USER_DATA = [
  { value: "none", label: "None" },
  { value: "cloudbase-init", label: "cloudbase-init (Windows)" },
  { value: "cloud-init", label: "cloud-init (Linux)" },
];

const PARKED = [
  { value: "running", label: "Keep running" },
  { value: "stopped", label: "Shut down" },
  { value: "suspended", label: "Suspend" },
  { value: "shelved", label: "Shelve" },
];

function ScheduleWindow({ id, position, onRemove }: { id: number; position: number; onRemove: () => void }) {
  const field = (key: string) => windowField(id, key);
  return (
    <fieldset className="window-row">
      <legend className="sr-only">Schedule window {position}</legend>
      <CheckboxGroup
        name={field("days")}
        legend="Days"
        options={WEEKDAYS.map((day) => ({ value: day, label: day.charAt(0).toUpperCase() + day.slice(1) }))}
        defaultChecked={["mon", "tue", "wed", "thu", "fri"]}
      />
      <div className="form-grid">
        <TextField name={field("start")} label="Opens at" type="time" required defaultValue="08:00" />
        <TextField
          name={field("end")}
          label="Closes at"
          type="time"
          required
          defaultValue="18:00"
          hint="At or before the opening time: the window runs past midnight."
        />
      </div>
      <div className="form-grid window-sizes">
        <TextField name={field("minTotal")} label="Minimum" type="number" min={0} />
        <TextField name={field("maxTotal")} label="Maximum" type="number" min={0} />
        <TextField name={field("minAvailable")} label="Available" type="number" min={0} />
        <TextField name={field("minRunning")} label="Running" type="number" min={0} />
      </div>
      <p className="hint">Sizes while the window is open; leave one empty to keep the pool&apos;s own.</p>
      <div className="row">
        <button type="button" className="btn btn-sm btn-ghost" onClick={onRemove}>
          Remove window
        </button>
      </div>
    </fieldset>
  );
}

function ScheduleWindows() {
  return (
    <RepeatedRows
      prefix="window"
      anchor="start"
      addLabel="+ Add window"
      emptyText="No windows: the sizes above apply around the clock."
      max={MAX_WINDOWS}
      error={useFormState().fieldErrors.schedule}
      renderRow={(id, position, remove) => <ScheduleWindow id={id} position={position} onRemove={remove} />}
    />
  );
}

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

      <fieldset className="form-section">
        <legend>Scaling</legend>
        <p className="form-section-intro">
          The pool controller keeps the pool between its minimum and maximum and builds desktops ahead of demand.
        </p>
        <div className="form-grid">
          <TextField name="minTotal" label="Minimum desktops" type="number" min={0} defaultValue="0" />
          <TextField name="maxTotal" label="Maximum desktops" type="number" min={0} defaultValue="10" />
        </div>
        <div className="form-grid">
          <TextField
            name="minAvailable"
            label="Kept available"
            type="number"
            min={0}
            defaultValue="1"
            hint="Free desktops ready for the next user."
          />
          <TextField
            name="minRunning"
            label="Kept running"
            type="number"
            min={0}
            defaultValue="0"
            hint="Free desktops powered on."
          />
          <SelectField
            name="parkedPowerState"
            label="Other free desktops"
            options={PARKED}
            hint="Beyond those kept running."
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Schedule</legend>
        <p className="form-section-intro">Windows override the sizes at busy times, e.g. more desktops on weekdays.</p>
        <TextField
          name="timeZone"
          label="Time zone"
          defaultValue="UTC"
          maxLength={64}
          hint="IANA name, e.g. Europe/Berlin."
        />
        <ScheduleWindows />
      </fieldset>

      <div className="row">
        <SubmitButton>Create pool</SubmitButton>
      </div>
    </ActionForm>
  );
}
