"use client";

import { ActionForm } from "@/components/forms/action-form";
import { Checkbox, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { TenantRole } from "@/generated/graphql";
import { TENANT_ROLE_OPTIONS } from "../roles";
import { updateUserAction } from "../users.actions";

interface UserEditFormProps {
  user: { id: string; displayName: string | null; email: string | null; disabled: boolean; role: TenantRole };
}

export function UserEditForm({ user }: UserEditFormProps) {
  return (
    <ActionForm action={updateUserAction} aria-label="Edit user">
      <input type="hidden" name="id" value={user.id} />
      <div className="form-grid">
        <TextField name="displayName" label="Display name" defaultValue={user.displayName ?? ""} maxLength={255} />
        <TextField name="email" label="E-mail" type="email" defaultValue={user.email ?? ""} maxLength={320} />
      </div>
      <SelectField name="role" label="Role" options={TENANT_ROLE_OPTIONS} defaultValue={user.role} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to keep the current password."
      />
      <Checkbox name="disabled" label="Disabled — the user cannot sign in" defaultChecked={user.disabled} />
      <div className="row">
        <SubmitButton>Save changes</SubmitButton>
      </div>
    </ActionForm>
  );
}
