"use client";

import { ActionForm } from "@/components/forms/action-form";
import { Checkbox, CheckboxGroup, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { AssignmentRuleInput, DisplayProtocol, RuleEffect, RuleOperator } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";
import { ROLE_NAMES } from "../users/roles";
import { SUBJECTS } from "./rule-input";
import { createRuleAction, updateRuleAction } from "./rules.actions";

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

/** A stored rule as the form edits it, with the updatedAt the edit sends back (a stale copy is refused). */
export interface EditedRule {
  id: string;
  updatedAt: string;
  input: AssignmentRuleInput;
}

/** The one rule form: empty to add a rule, filled from `rule` to edit it in place. */
export function RuleForm({ choices, rule }: { choices: RuleChoices; rule?: EditedRule }) {
  const value = rule?.input;
  const text = (field: keyof AssignmentRuleInput) => {
    const stored = value?.[field];
    return typeof stored === "string" ? stored : undefined;
  };
  return (
    <ActionForm
      action={rule ? updateRuleAction : createRuleAction}
      className="form form-wide"
      aria-label={rule ? "Edit rule" : "New rule"}
    >
      {rule ? (
        <>
          <input type="hidden" name="id" value={rule.id} />
          <input type="hidden" name="expectedUpdatedAt" value={rule.updatedAt} />
        </>
      ) : null}
      <div className="form-grid">
        <TextField
          name="position"
          label="Position"
          type="number"
          min={0}
          defaultValue={String(value?.position ?? choices.nextPosition)}
          hint="Rules are checked in this order; a matching deny always wins."
        />
        <SelectField name="effect" label="Effect" options={EFFECTS} defaultValue={text("effect")} />
        <SelectField
          name="identityProviderId"
          label="Applies to users of"
          defaultValue={text("identityProviderId")}
          options={[{ value: "", label: "Every provider and local accounts" }, ...choices.providers]}
        />
      </div>
      <fieldset className="form-section">
        <legend>Who and where</legend>
        <div className="form-grid">
          <SelectField name="subjectType" label="Who" options={SUBJECTS} defaultValue={text("subjectType")} />
          <TextField
            name="group"
            label="Group"
            maxLength={500}
            defaultValue={text("group")}
            hint="For “Members of a group”: name or DN."
          />
        </div>
        <div className="form-grid">
          <TextField
            name="attribute"
            label="Attribute"
            maxLength={200}
            defaultValue={text("attribute")}
            hint="For “Users with an attribute”."
          />
          <SelectField name="operator" label="Comparison" options={OPERATORS} defaultValue={text("operator")} />
          <TextField name="value" label="Value" maxLength={500} defaultValue={text("value")} />
        </div>
        {choices.locations.length > 0 ? (
          <CheckboxGroup
            name="locationIds"
            legend="At these locations"
            options={choices.locations}
            defaultChecked={(value?.locationIds ?? []).map(String)}
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
            defaultValue={text("policyId")}
            options={[{ value: "", label: "No desktops" }, ...choices.policies]}
          />
          <SelectField name="role" label="Role" options={ROLES} defaultValue={text("role")} />
        </div>
        <CheckboxGroup
          name="protocols"
          legend="Protocols allowed"
          options={PROTOCOLS}
          defaultChecked={value?.protocols ?? PROTOCOLS.map((protocol) => protocol.value)}
        />
        <div className="checks">
          <Checkbox name="mfaRequired" label="Require a second factor" defaultChecked={value?.mfaRequired ?? false} />
          <Checkbox name="gatewayOnly" label="Only through the gateway" defaultChecked={value?.gatewayOnly ?? false} />
          <Checkbox name="html5Only" label="Only in the browser (HTML5)" defaultChecked={value?.html5Only ?? false} />
        </div>
      </fieldset>
      <TextField
        name="description"
        label="Description"
        maxLength={1000}
        defaultValue={text("description")}
        hint="Optional; shown in the list."
      />
      <div className="row">
        <SubmitButton>{rule ? "Save rule" : "Add rule"}</SubmitButton>
      </div>
    </ActionForm>
  );
}
