"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { createCloudAction } from "./clouds.actions";

export function CloudCreateForm() {
  return (
    <ActionForm action={createCloudAction} aria-label="Register cloud">
      <TextField name="name" label="Name" required maxLength={255} placeholder="e.g. Frankfurt cluster" />
      <TextField
        name="authUrl"
        label="Keystone URL"
        type="url"
        required
        placeholder="https://vhi.example.com:5000/v3"
      />
      <div className="form-grid">
        <TextField name="region" label="Region" maxLength={255} hint="Optional." />
        <TextField name="domainName" label="Domain" required defaultValue="Default" maxLength={255} />
      </div>
      <div className="form-grid">
        <TextField name="projectName" label="Project" required maxLength={255} />
        <TextField name="username" label="Service user" required maxLength={255} autoComplete="off" />
      </div>
      <TextField
        name="password"
        label="Password"
        type="password"
        required
        autoComplete="new-password"
        hint="Stored encrypted; never shown again."
      />
      <div className="row">
        <SubmitButton>Register cloud</SubmitButton>
      </div>
    </ActionForm>
  );
}
