"use client";

import { ActionForm } from "@/components/forms/action-form";
import { Checkbox, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { MspRole } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";
import { createStaffAction, resetStaffPasswordAction, updateStaffAction } from "./staff.actions";

export const MSP_ROLE_OPTIONS = enumOptions<MspRole>({
  MSP_ADMIN: "MSP administrator — everything, staff included",
  MSP_OPERATOR: "MSP operator — runs tenants' fleets, reads the rest",
  MSP_BILLING: "MSP billing — usage and billing only",
});

export function StaffCreateForm() {
  return (
    <ActionForm action={createStaffAction} aria-label="New staff member">
      <div className="form-grid">
        <TextField name="username" label="Username" required maxLength={255} autoComplete="off" />
        <TextField name="displayName" label="Display name" maxLength={255} />
      </div>
      <div className="form-grid">
        <TextField name="email" label="E-mail" type="email" maxLength={320} />
        <SelectField name="role" label="Role" required defaultValue="MSP_OPERATOR" options={MSP_ROLE_OPTIONS} />
      </div>
      <TextField
        name="password"
        label="Initial password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 12 characters. Hand it over in person or by phone: it is never e-mailed."
      />
      <Checkbox name="mfaRequired" label="Require an authenticator app at every sign-in" defaultChecked />
      <Checkbox name="invite" label="E-mail an invitation with the sign-in address" />
      <div className="row">
        <SubmitButton>Create staff member</SubmitButton>
      </div>
    </ActionForm>
  );
}

interface StaffEditProps {
  member: { id: string; displayName: string | null; email: string | null; role: MspRole | null; mfaRequired: boolean };
}

export function StaffEditForm({ member }: StaffEditProps) {
  return (
    <ActionForm action={updateStaffAction} aria-label="Edit staff member">
      <input type="hidden" name="id" value={member.id} />
      <div className="form-grid">
        <TextField name="displayName" label="Display name" maxLength={255} defaultValue={member.displayName ?? ""} />
        <TextField name="email" label="E-mail" type="email" maxLength={320} defaultValue={member.email ?? ""} />
      </div>
      <SelectField
        name="role"
        label="Role"
        required
        defaultValue={member.role ?? "MSP_OPERATOR"}
        options={MSP_ROLE_OPTIONS}
      />
      <Checkbox
        name="mfaRequired"
        label="Require an authenticator app at every sign-in"
        defaultChecked={member.mfaRequired}
      />
      <div className="row">
        <SubmitButton>Save changes</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function StaffPasswordForm({ id }: { id: string }) {
  return (
    <ActionForm action={resetStaffPasswordAction} aria-label="Reset password">
      <input type="hidden" name="id" value={id} />
      <TextField
        name="password"
        label="New password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 12 characters. Every session of this person ends."
      />
      <div className="row">
        <SubmitButton>Set password</SubmitButton>
      </div>
    </ActionForm>
  );
}
