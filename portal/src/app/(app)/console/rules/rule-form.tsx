"use client";

import { ActionForm } from "@/components/forms/action-form";
import { Checkbox, CheckboxGroup, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { DisplayProtocol, RuleEffect, RuleOperator } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";
import { ROLE_NAMES } from "../users/roles";
import { SUBJECTS } from "./rule-input";
import { createRuleAction } from "./rules.actions";

type Option = { value: string; label: string };

export interface RuleChoices {
  providers: Option[];
  locations: Option[];
  policies: Option[];
  nextPosition: number;
}

const ROLES = [{ value: "", label: "Keep the user's own role" }, ...ROLE_NAMES];
const EFFECTS = enumOptions<RuleEffect>({ ALLOW: "Allow", DENY: "Deny" });
const OPERATORS = enumOptions<RuleOperator>({ EQUALS: "equals", MATCHES: "matches (* and ?)" });
const PROTOCOLS = enumOptions<DisplayProtocol>({ RDP: "RDP", VNC: "VNC", SSH: "SSH", HTML5: "HTML5" });

export function RuleCreateForm({ choices }: { choices: RuleChoices }) {
  return (
    <ActionForm action={createRuleAction} className="form form-wide" aria-label="New rule">
      <div className="form-grid">
        <TextField
          name="position"
          label="Position"
          type="number"
          min={0}
          defaultValue={String(choices.nextPosition)}
          hint="Rules are checked in this order; a matching deny always wins."
        />
        <SelectField name="effect" label="Effect" options={EFFECTS} />
        <SelectField
          name="identityProviderId"
          label="Applies to users of"
          options={[{ value: "", label: "Every provider and local accounts" }, ...choices.providers]}
        />
      </div>
      <fieldset className="form-section">
        <legend>Who and where</legend>
        <div className="form-grid">
          <SelectField name="subjectType" label="Who" options={SUBJECTS} />
          <TextField name="group" label="Group" maxLength={500} hint="For “Members of a group”: name or DN." />
        </div>
        <div className="form-grid">
          <TextField name="attribute" label="Attribute" maxLength={200} hint="For “Users with an attribute”." />
          <SelectField name="operator" label="Comparison" options={OPERATORS} />
          <TextField name="value" label="Value" maxLength={500} />
        </div>
        {choices.locations.length > 0 ? (
          <CheckboxGroup
            name="locationIds"
            legend="At these locations"
            options={choices.locations}
            hint="None ticked: anywhere."
          />
        ) : (
          <p className="muted">No locations yet: the rule applies wherever users connect from.</p>
        )}
      </fieldset>
      <fieldset className="form-section">
        <legend>Then</legend>
        <div className="form-grid">
          <SelectField
            name="policyId"
            label="Policy"
            options={[{ value: "", label: "No desktops" }, ...choices.policies]}
          />
          <SelectField name="role" label="Role" options={ROLES} />
        </div>
        <CheckboxGroup
          name="protocols"
          legend="Protocols allowed"
          options={PROTOCOLS}
          defaultChecked={PROTOCOLS.map((protocol) => protocol.value)}
        />
        <div className="checks">
          <Checkbox name="mfaRequired" label="Require a second factor" />
          <Checkbox name="gatewayOnly" label="Only through the gateway" />
          <Checkbox name="html5Only" label="Only in the browser (HTML5)" />
        </div>
      </fieldset>
      <TextField name="description" label="Description" maxLength={1000} hint="Optional; shown in the list." />
      <div className="row">
        <SubmitButton>Add rule</SubmitButton>
      </div>
    </ActionForm>
  );
}
