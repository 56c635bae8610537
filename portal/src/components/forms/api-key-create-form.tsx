"use client";

import type { FormState } from "@/lib/form-state";
import { SecretOnce } from "../ui/secret-once";
import { ActionForm } from "./action-form";
import { CheckboxGroup, SubmitButton, TextField } from "./fields";

interface ApiKeyCreateFormProps {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  scopes: { value: string; label: string }[];
}

export function ApiKeyCreateForm({ action, scopes }: ApiKeyCreateFormProps) {
  return (
    <ActionForm
      action={action}
      aria-label="New API key"
      renderSuccess={(state) =>
        state.result?.secret ? (
          <SecretOnce label={`Key “${state.result.name}” created`} secret={state.result.secret} />
        ) : null
      }
    >
      <TextField name="name" label="Name" required maxLength={100} placeholder="e.g. Billing export" />
      <CheckboxGroup name="scopes" legend="Scopes" options={scopes} />
      <TextField
        name="expiresAt"
        label="Expires on"
        type="date"
        hint="Optional. Leave empty for a key that does not expire."
      />
      <div className="row">
        <SubmitButton>Create key</SubmitButton>
      </div>
    </ActionForm>
  );
}
