"use client";

import { useId, useState } from "react";
import { ActionForm, useFormState } from "@/components/forms/action-form";
import { SubmitButton, TextField } from "@/components/forms/fields";
import type { CloudDirectoryQuery } from "@/generated/graphql";
import { updateTenantAction } from "./tenants.actions";

type Directory = CloudDirectoryQuery["cloudDirectory"];

interface MappingProps {
  tenantId: string;
  directory: Directory;
  vhiDomain: string | null;
  vhiProject: string | null;
  next?: string;
}

/** The domain decides which projects are offered; each project says which tenant already uses it. */
function Pickers({ directory, vhiDomain, vhiProject }: Omit<MappingProps, "tenantId" | "next">) {
  const state = useFormState();
  const ids = { domain: useId(), project: useId(), error: useId() };
  const initialDomain =
    directory.domains.find((domain) => domain.id === vhiDomain || domain.name === vhiDomain) ?? directory.domains[0];
  const [domainId, setDomainId] = useState(state.values.vhiDomain ?? initialDomain?.id ?? "");
  const projects = directory.projects.filter((project) => project.domainId === domainId);
  const picked = projects.find((project) => project.name === vhiProject || project.id === vhiProject);
  const error = state.fieldErrors.vhiProject ?? state.fieldErrors.vhiDomain;
  return (
    <>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.domain}>VHI domain</label>
          <select
            id={ids.domain}
            name="vhiDomain"
            value={domainId}
            onChange={(event) => setDomainId(event.target.value)}
          >
            {directory.domains.map((domain) => (
              <option key={domain.id} value={domain.id}>
                {domain.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field" data-invalid={error ? "true" : undefined}>
          <label htmlFor={ids.project}>VHI project</label>
          <select
            id={ids.project}
            name="vhiProject"
            key={domainId}
            defaultValue={state.values.vhiProject ?? picked?.id ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
          >
            <option value="">Choose a project…</option>
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.tenantName ? `${project.name} (used by ${project.tenantName})` : project.name}
              </option>
            ))}
          </select>
          {error ? (
            <span className="field-error" id={ids.error}>
              {error}
            </span>
          ) : null}
        </div>
      </div>
      <TextField
        name="vhiProjectOther"
        label="Or type a project name or ID"
        maxLength={255}
        hint="For a project the list does not show yet; it is checked against Keystone before anything is saved."
      />
    </>
  );
}

export function TenantMappingForm({ tenantId, directory, vhiDomain, vhiProject, next }: MappingProps) {
  return (
    <ActionForm action={updateTenantAction} aria-label="Cloud mapping">
      <input type="hidden" name="id" value={tenantId} />
      <input type="hidden" name="cloudId" value={directory.cloudId} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {directory.projects.length === 0 ? (
        <div className="alert alert-warning" role="status">
          The cloud&apos;s service account holds a role on no project. Give it a role on the tenant&apos;s project in
          VHI, then reload this page.
        </div>
      ) : (
        <Pickers directory={directory} vhiDomain={vhiDomain} vhiProject={vhiProject} />
      )}
      <div className="row">
        <SubmitButton>{next ? "Continue" : "Save mapping"}</SubmitButton>
      </div>
    </ActionForm>
  );
}
