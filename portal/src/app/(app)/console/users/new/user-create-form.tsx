"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { TENANT_ROLE_OPTIONS } from "../roles";
import { createUserAction } from "../users.actions";

export function UserCreateForm() {
  return (
    <ActionForm action={createUserAction} aria-label="New user">
      <TextField name="username" label="Username" required autoComplete="off" maxLength={255} />
      <div className="form-grid">
        <TextField name="displayName" label="Display name" maxLength={255} />
        <TextField name="email" label="E-mail" type="email" maxLength={320} />
      </div>
      <SelectField name="role" label="Role" options={TENANT_ROLE_OPTIONS} defaultValue={TENANT_ROLE_OPTIONS[0].value} />
      <TextField
        name="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters. Leave empty for users who sign in through the directory."
      />
      <div className="row">
        <SubmitButton>Create user</SubmitButton>
      </div>
    </ActionForm>
  );
}
