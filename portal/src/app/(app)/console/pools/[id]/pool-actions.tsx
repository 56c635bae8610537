"use client";

import { useActionState } from "react";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { initialFormState } from "@/lib/form-state";
import { deletePoolAction, setPoolStatusAction } from "../pools.actions";

interface PoolActionsProps {
  id: string;
  name: string;
  status: string;
}

/** Pause/resume at once (both are reversible); deleting drains the pool and asks first. */
export function PoolActions({ id, name, status }: PoolActionsProps) {
  const [state, action, pending] = useActionState(setPoolStatusAction, initialFormState);
  if (status === "draining") return null;
  const paused = status === "paused";
  return (
    <>
      {state.status === "error" ? (
        <span className="field-error" role="alert">
          {state.message}
        </span>
      ) : null}
      <form action={action}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="status" value={paused ? "active" : "paused"} />
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
