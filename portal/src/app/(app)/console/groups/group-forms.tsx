"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { ROLE_NAMES } from "../users/roles";
import { addMemberAction, createGroupAction } from "./groups.actions";

const GROUP_ROLES = [{ value: "", label: "No role — membership only" }, ...ROLE_NAMES];

export function GroupCreateForm() {
  return (
    <ActionForm action={createGroupAction} aria-label="New group">
      <TextField name="name" label="Name" required maxLength={255} />
      <TextField name="description" label="Description" maxLength={1000} />
      <SelectField name="role" label="Role every member receives" options={GROUP_ROLES} defaultValue="" />
      <div className="row">
        <SubmitButton>Create group</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function AddMemberForm({ groupId, users }: { groupId: string; users: { id: string; label: string }[] }) {
  return (
    <ActionForm action={addMemberAction} aria-label="Add member" className="form form-wide">
      <input type="hidden" name="groupId" value={groupId} />
      <SelectField
        name="userId"
        label="User"
        options={[
          { value: "", label: "Choose a user…" },
          ...users.map((user) => ({ value: user.id, label: user.label })),
        ]}
        defaultValue=""
      />
      <div className="row">
        <SubmitButton>Add to group</SubmitButton>
      </div>
    </ActionForm>
  );
}
