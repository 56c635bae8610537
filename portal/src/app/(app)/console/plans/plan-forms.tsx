"use client";

import { ActionForm } from "@/components/forms/action-form";
import { Checkbox, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { ListError } from "@/components/forms/list-error";
import { GATEWAY, POWER_ACTIONS, PROTOCOLS, RELEASE_ACTIONS } from "./plan-options";
import { createPowerPlanAction, createProtocolPlanAction, createReleasePlanAction } from "./plans.actions";

export function ProtocolPlanForm() {
  return (
    <ActionForm action={createProtocolPlanAction} aria-label="New protocol plan">
      <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Browser first" />
      {PROTOCOLS.map((protocol) => (
        <div className="form-grid" key={protocol}>
          <Checkbox name={`use-${protocol}`} label={protocol} defaultChecked={protocol !== "SSH"} />
          <SelectField name={`gateway-${protocol}`} label={`${protocol} route`} options={GATEWAY} />
        </div>
      ))}
      <ListError name="protocols" />
      <p className="hint">
        Listed order is the preference: the first protocol usable from the user&apos;s location wins.
      </p>
      <div className="row">
        <SubmitButton>Create protocol plan</SubmitButton>
      </div>
    </ActionForm>
  );
}

function PowerStep({ event, label }: { event: string; label: string }) {
  return (
    <div className="form-grid">
      <SelectField name={`on${event}`} label={label} options={POWER_ACTIONS} />
      <TextField name={`on${event}Minutes`} label="after (minutes)" type="number" min={0} defaultValue="0" />
    </div>
  );
}

export function PowerPlanForm() {
  return (
    <ActionForm action={createPowerPlanAction} aria-label="New power plan">
      <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Save energy" />
      <PowerStep event="Disconnect" label="When the user disconnects" />
      <PowerStep event="Logout" label="When the user logs out" />
      <PowerStep event="Release" label="When the desktop is released" />
      <div className="row">
        <SubmitButton>Create power plan</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function ReleasePlanForm() {
  return (
    <ActionForm action={createReleasePlanAction} aria-label="New release plan">
      <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Fresh desktop every time" />
      <div className="form-grid">
        <TextField
          name="releaseAfterDisconnectMinutes"
          label="Release after a disconnect (minutes)"
          type="number"
          min={0}
          hint="Empty: never."
        />
        <TextField
          name="releaseAfterLogoutMinutes"
          label="Release after a logout (minutes)"
          type="number"
          min={0}
          hint="Empty: never."
        />
      </div>
      <SelectField name="onRelease" label="Then, for a floating desktop" options={RELEASE_ACTIONS} />
      <Checkbox name="keepPersistent" label="Persistent desktops stay with their user" defaultChecked />
      <div className="row">
        <SubmitButton>Create release plan</SubmitButton>
      </div>
    </ActionForm>
  );
}
