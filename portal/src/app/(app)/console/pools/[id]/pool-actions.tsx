"use client";

import { useActionState } from "react";
import { ConfirmAction } from "@/components/ui/confirm-action";
import type { PoolStatus } from "@/generated/graphql";
import { initialFormState } from "@/lib/form-state";
import { deletePoolAction, setPoolStatusAction } from "../pools.actions";

interface PoolActionsProps {
  id: string;
  name: string;
  status: PoolStatus;
}

/** Pause/resume at once (both are reversible); deleting drains the pool and asks first. */
export function PoolActions({ id, name, status }: PoolActionsProps) {
  const [state, action, pending] = useActionState(setPoolStatusAction, initialFormState);
  // Literals checked against the generated type: a client component imports no values from the generated module.
  if (status === "DRAINING") return null;
  const paused = status === "PAUSED";
  return (
    <>
      {state.status === "error" ? (
        <span className="field-error" role="alert">
          {state.message}
        </span>
      ) : null}
      <form action={action}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="status" value={paused ? "ACTIVE" : "PAUSED"} />
        <button type="submit" className="btn btn-sm" disabled={pending} aria-busy={pending}>
          {paused ? "Resume" : "Pause"}
        </button>
      </form>
      <ConfirmAction
        action={deletePoolAction}
        fields={{ id }}
        label="Delete pool"
        title={`Delete ${name}?`}
        confirmLabel="Delete pool"
      >
        The controller removes every desktop nobody is using, then the pool. Desktops in use stay until they are
        released. This cannot be undone.
      </ConfirmAction>
    </>
  );
}
