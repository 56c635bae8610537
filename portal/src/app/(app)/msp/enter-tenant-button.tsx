"use client";

import { useActionState } from "react";
import { enterTenantAction } from "@/app/actions/session.actions";
import { initialFormState } from "@/lib/form-state";

/** Enters a tenant's console (the API records it in both audit logs). */
export function EnterTenantButton({
  tenantId,
  label,
  primary,
}: {
  tenantId: string;
  label: string;
  primary?: boolean;
}) {
  const [state, action, pending] = useActionState(enterTenantAction, initialFormState);
  return (
    <form action={action} style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
      <input type="hidden" name="tenantId" value={tenantId} />
      <button type="submit" className={`btn btn-sm${primary ? " btn-primary" : ""}`} disabled={pending}>
        {pending ? "Opening…" : label}
      </button>
      {state.status === "error" ? (
        <span className="field-error" role="alert">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
