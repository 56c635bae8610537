"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { TenantStatus } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";
import { createTenantAction, createTenantAdminAction, updateTenantAction } from "./tenants.actions";

export function TenantCreateForm() {
  return (
    <ActionForm action={createTenantAction} aria-label="Organisation">
      <TextField name="name" label="Organisation name" required maxLength={200} placeholder="e.g. Initech Ltd" />
      <TextField
        name="slug"
        label="Sign-in name"
        required
        maxLength={63}
        placeholder="initech"
        hint="Lower-case letters, digits and dashes. Users sign in at /t/<sign-in name>."
      />
      <div className="form-grid">
        <TextField name="brandColor" label="Brand colour" type="color" defaultValue="#4f46e5" />
        <TextField name="maxDesktops" label="Desktop limit" type="number" min={0} hint="Optional." />
      </div>
      <div className="row">
        <SubmitButton>Continue</SubmitButton>
      </div>
    </ActionForm>
  );
}

interface MappingProps {
  tenantId: string;
  vhiDomain: string | null;
  vhiProject: string | null;
  next?: string;
}

export function TenantMappingForm({ tenantId, vhiDomain, vhiProject, next }: MappingProps) {
  return (
    <ActionForm action={updateTenantAction} aria-label="Cloud mapping">
      <input type="hidden" name="id" value={tenantId} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div className="form-grid">
        <TextField
          name="vhiDomain"
          label="VHI domain"
          required
          defaultValue={vhiDomain ?? "Default"}
          maxLength={255}
          hint="Keystone domain that holds the tenant's project."
        />
        <TextField
          name="vhiProject"
          label="VHI project"
          required
          defaultValue={vhiProject ?? ""}
          maxLength={255}
          hint="Keystone project where desktops are created."
        />
      </div>
      <div className="row">
        <SubmitButton>{next ? "Continue" : "Save mapping"}</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function TenantAdminForm({ tenantId }: { tenantId: string }) {
  return (
    <ActionForm action={createTenantAdminAction} aria-label="Administrator">
      <input type="hidden" name="tenantId" value={tenantId} />
      <div className="form-grid">
        <TextField name="username" label="Username" required maxLength={255} defaultValue="admin" />
        <TextField name="displayName" label="Display name" maxLength={255} />
      </div>
      <TextField name="email" label="E-mail" type="email" maxLength={320} />
      <TextField
        name="password"
        label="Password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 8 characters."
      />
      <div className="row">
        <SubmitButton>Create administrator</SubmitButton>
      </div>
    </ActionForm>
  );
}

const TENANT_STATUSES = enumOptions<TenantStatus>({
  ACTIVE: "Active",
  SUSPENDED: "Suspended — nobody can sign in",
});

interface TenantEditProps {
  tenant: { id: string; name: string; status: TenantStatus; brandColor: string | null; maxDesktops: number | null };
}

export function TenantEditForm({ tenant }: TenantEditProps) {
  return (
    <ActionForm action={updateTenantAction} aria-label="Edit tenant">
      <input type="hidden" name="id" value={tenant.id} />
      <TextField name="name" label="Organisation name" required defaultValue={tenant.name} maxLength={200} />
      <div className="form-grid">
        <SelectField name="status" label="Status" defaultValue={tenant.status} options={TENANT_STATUSES} />
        <TextField
          name="maxDesktops"
          label="Desktop limit"
          type="number"
          min={0}
          defaultValue={tenant.maxDesktops?.toString() ?? ""}
        />
        <TextField name="brandColor" label="Brand colour" type="color" defaultValue={tenant.brandColor ?? "#4f46e5"} />
      </div>
      <div className="row">
        <SubmitButton>Save changes</SubmitButton>
      </div>
    </ActionForm>
  );
}
