"use client";

import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { CheckboxGroup, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { offerPoolAction } from "../../pools.actions";

type Option = { value: string; label: string };

/**
 * An existing policy (everyone it reaches sees the pool), or a new policy for chosen groups: one rule per group,
 * placed before the existing rules so their members get it at their next sign-in.
 */
export function PoolPeopleForm({
  poolId,
  policies,
  groups,
  suggestedName,
}: {
  poolId: string;
  policies: Option[];
  groups: Option[];
  suggestedName: string;
}) {
  const [who, setWho] = useState(groups.length > 0 ? "groups" : "policy");
  return (
    <ActionForm action={offerPoolAction} className="form form-wide" aria-label="Who gets this pool">
      <input type="hidden" name="poolId" value={poolId} />
      <fieldset className="form-section">
        <legend>Offer it through</legend>
        <div className="checks">
          <label>
            <input
              type="radio"
              name="who"
              value="groups"
              checked={who === "groups"}
              onChange={() => setWho("groups")}
              disabled={groups.length === 0}
            />{" "}
            A new policy for chosen groups
          </label>
          <label>
            <input
              type="radio"
              name="who"
              value="policy"
              checked={who === "policy"}
              onChange={() => setWho("policy")}
              disabled={policies.length === 0}
            />{" "}
            An existing policy
          </label>
        </div>
      </fieldset>
      {who === "groups" ? (
        <>
          <TextField name="newPolicyName" label="New policy's name" maxLength={200} defaultValue={suggestedName} />
          <CheckboxGroup
            name="groupIds"
            legend="Groups"
            options={groups}
            hint="Their members get this policy first: its rules go before the existing ones."
          />
        </>
      ) : (
        <SelectField name="policyId" label="Policy" options={[{ value: "", label: "Pick a policy" }, ...policies]} />
      )}
      <div className="row">
        <SubmitButton>Give access</SubmitButton>
      </div>
    </ActionForm>
  );
}
