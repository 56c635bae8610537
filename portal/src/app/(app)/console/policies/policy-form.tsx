"use client";

import { ActionForm, useFormState } from "@/components/forms/action-form";
import { Checkbox, CheckboxGroup, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { RepeatedRows } from "@/components/forms/repeated-rows";
import type { RogueLoginAction } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";
import { createPolicyAction } from "./policies.actions";
import { entitlementField, USER_POWER_ACTIONS } from "./policy-input";

type Option = { value: string; label: string };

export interface PolicyChoices {
  pools: Option[];
  protocolPlans: Option[];
  powerPlans: Option[];
  releasePlans: Option[];
}

const ROGUE = enumOptions<RogueLoginAction>({
  LOG: "Only record it",
  ASSIGN: "Assign the desktop to that user",
  LOGOUT: "Sign the user out",
});

const withDefault = (options: Option[]) => [{ value: "", label: "Default" }, ...options];

function Entitlement({
  id,
  position,
  choices,
  onRemove,
}: {
  id: number;
  position: number;
  choices: PolicyChoices;
  onRemove: () => void;
}) {
  const field = (key: string) => entitlementField(id, key);
  return (
    <fieldset className="window-row">
      <legend className="sr-only">Pool {position}</legend>
      <div className="form-grid">
        <SelectField
          name={field("poolId")}
          label="Pool"
          required
          options={[{ value: "", label: "Choose…" }, ...choices.pools]}
        />
        <TextField name={field("offerCount")} label="Desktops offered" type="number" min={1} defaultValue="1" />
      </div>
      <Checkbox name={field("persistent")} label="Persistent: the user keeps the same desktop" />
      <div className="form-grid">
        <SelectField
          name={field("protocolPlanId")}
          label="Protocol plan"
          options={withDefault(choices.protocolPlans)}
        />
        <SelectField name={field("powerPlanId")} label="Power plan" options={withDefault(choices.powerPlans)} />
        <SelectField name={field("releasePlanId")} label="Release plan" options={withDefault(choices.releasePlans)} />
      </div>
      <CheckboxGroup name={field("userPowerActions")} legend="Users may" options={USER_POWER_ACTIONS} />
      <div className="row">
        <button type="button" className="btn btn-sm btn-ghost" onClick={onRemove}>
          Remove pool
        </button>
      </div>
    </fieldset>
  );
}

function Entitlements({ choices }: { choices: PolicyChoices }) {
  return (
    <RepeatedRows
      prefix="ent"
      anchor="poolId"
      addLabel="+ Add pool"
      emptyText="No pools: users under this policy are offered nothing."
      max={20}
      initial={1}
      error={useFormState().fieldErrors.entitlements}
      renderRow={(id, position, remove) => (
        <Entitlement id={id} position={position} choices={choices} onRemove={remove} />
      )}
    />
  );
}

export function PolicyCreateForm({ choices }: { choices: PolicyChoices }) {
  return (
    <ActionForm action={createPolicyAction} className="form form-wide" aria-label="New policy">
      <div className="form-grid">
        <TextField name="name" label="Name" required maxLength={200} placeholder="e.g. Office staff" />
        <TextField
          name="maxDesktops"
          label="Desktops per user"
          type="number"
          min={1}
          hint="Leave empty for no limit."
        />
        <SelectField name="rogueAction" label="Sign-ins the broker did not arrange" options={ROGUE} />
      </div>
      <TextField name="description" label="Description" maxLength={1000} hint="Optional." />
      <fieldset className="form-section">
        <legend>Pools offered</legend>
        <Entitlements choices={choices} />
      </fieldset>
      <div className="row">
        <SubmitButton>Create policy</SubmitButton>
      </div>
    </ActionForm>
  );
}
