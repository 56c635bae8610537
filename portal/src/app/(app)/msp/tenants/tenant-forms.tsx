"use client";

import { useId } from "react";
import { ActionForm, useFormState } from "@/components/forms/action-form";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { TenantStatus } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";
import {
  createTenantAction,
  createTenantAdminAction,
  sendTenantInvitationAction,
  updateTenantAction,
  updateTenantLogoAction,
} from "./tenants.actions";

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
      <TextField
        name="name"
        label="Organisation name"
        required
        defaultValue={tenant.name}
        maxLength={200}
        hint="Shown on the tenant's sign-in page, launcher, mails and reports."
      />
      <div className="form-grid">
        <SelectField name="status" label="Status" defaultValue={tenant.status} options={TENANT_STATUSES} />
        <TextField
          name="maxDesktops"
          label="Desktop limit"
          type="number"
          min={0}
          defaultValue={tenant.maxDesktops?.toString() ?? ""}
        />
        <TextField name="brandColor" label="Accent colour" type="color" defaultValue={tenant.brandColor ?? "#4f46e5"} />
      </div>
      <div className="row">
        <SubmitButton>Save changes</SubmitButton>
      </div>
    </ActionForm>
  );
}

interface InvitationProps {
  tenant: { id: string; slug: string };
  username: string;
  email: string;
}

export function TenantInvitationForm({ tenant, username, email }: InvitationProps) {
  return (
    <ActionForm action={sendTenantInvitationAction} aria-label="Invitation">
      <input type="hidden" name="tenantId" value={tenant.id} />
      <input type="hidden" name="slug" value={tenant.slug} />
      <div className="form-grid">
        <TextField name="email" label="Administrator's e-mail" type="email" required defaultValue={email} />
        <TextField name="username" label="User name" required defaultValue={username} />
      </div>
      <div className="row">
        <SubmitButton>Send invitation</SubmitButton>
      </div>
    </ActionForm>
  );
}

function LogoFileField() {
  const state = useFormState();
  const id = useId();
  const error = state.fieldErrors.logo;
  return (
    <div className="field" data-invalid={error ? "true" : undefined}>
      <label htmlFor={id}>Logo file</label>
      <input
        id={id}
        type="file"
        name="logo"
        accept="image/png"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <span className="hint" id={`${id}-hint`}>
        PNG, at most 200 KB. Shown on the sign-in page, in the launcher, in mails and on PDF reports.
      </span>
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The logo travels as a file (PNG, at most 200 KB); the API checks its bytes again. */
export function TenantLogoForm({ tenantId, logoDataUrl }: { tenantId: string; logoDataUrl: string | null }) {
  return (
    <div className="stack">
      {logoDataUrl ? (
        // biome-ignore lint/performance/noImgElement: a data URL from the API; next/image cannot optimise it
        <img src={logoDataUrl} alt="Current logo" style={{ maxHeight: 48, maxWidth: 200, objectFit: "contain" }} />
      ) : (
        <p className="muted">No logo yet: the sign-in page shows the tenant&apos;s name only.</p>
      )}
      <ActionForm action={updateTenantLogoAction} aria-label="Logo">
        <input type="hidden" name="id" value={tenantId} />
        <LogoFileField />
        <div className="row">
          <SubmitButton>Upload logo</SubmitButton>
        </div>
      </ActionForm>
      {logoDataUrl ? (
        <ActionForm action={updateTenantLogoAction} aria-label="Remove logo">
          <input type="hidden" name="id" value={tenantId} />
          <input type="hidden" name="remove" value="true" />
          <SubmitButton variant="danger">Remove logo</SubmitButton>
        </ActionForm>
      ) : null}
    </div>
  );
}
