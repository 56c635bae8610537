"use client";

import { useActionState, useEffect, useState } from "react";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { type FormState, initialFormState } from "@/lib/form-state";
import { desktopAction, outOfServiceAction } from "../desktops.actions";
import type { PowerChoice } from "../power-actions";

interface DesktopControlsProps {
  id: string;
  name: string;
  choices: PowerChoice[];
  outOfService: boolean;
  /** Whom the desktop is assigned to; destructive actions then need an explicit override. */
  assignedTo: string | null;
  /** Rebuild and terminate (and overriding an assignment) are for tenant admins, not the helpdesk (the API enforces it). */
  mayDestroy: boolean;
  deleting: boolean;
}

function ForceOption({ assignedTo }: { assignedTo: string | null }) {
  if (!assignedTo) return null;
  return (
    <label className="check" style={{ marginTop: 12 }}>
      <input type="checkbox" name="force" />
      Yes, even though {assignedTo} is using it
    </label>
  );
}

/** Power buttons act at once; rebuild and terminate destroy the desktop's disk and ask first. */
export function DesktopControls({
  id,
  name,
  choices,
  outOfService,
  assignedTo,
  mayDestroy,
  deleting,
}: DesktopControlsProps) {
  const [power, powerAction, powering] = useActionState(desktopAction, initialFormState);
  const [service, serviceAction, switching] = useActionState(outOfServiceAction, initialFormState);
  // One message line: the answer to whichever request came back last.
  const [feedback, setFeedback] = useState<FormState | null>(null);
  useEffect(() => {
    if (power.status !== "idle") setFeedback(power);
  }, [power]);
  useEffect(() => {
    if (service.status !== "idle") setFeedback(service);
  }, [service]);
  return (
    <div className="stack">
      {feedback ? (
        <div className={`alert alert-${feedback.status === "error" ? "error" : "success"}`} role="status">
          {feedback.message}
        </div>
      ) : null}
      <div className="row">
        {choices.length === 0 && !deleting ? (
          <span className="muted">Waiting for the controller to finish the last request…</span>
        ) : null}
        {choices.map((choice) => (
          <form action={powerAction} key={choice.action}>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="action" value={choice.action} />
            <button type="submit" className="btn btn-sm" disabled={powering}>
              {choice.label}
            </button>
          </form>
        ))}
      </div>
      {deleting ? null : (
        <div className="row">
          <form action={serviceAction}>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="outOfService" value={String(!outOfService)} />
            <button type="submit" className="btn btn-sm" disabled={switching}>
              {outOfService ? "Return to service" : "Take out of service"}
            </button>
          </form>
          {mayDestroy ? null : <span className="muted">Rebuild and terminate: tenant administrators only.</span>}
        </div>
      )}
      {deleting || !mayDestroy ? null : (
        <div className="row">
          <ConfirmAction
            action={desktopAction}
            fields={{ id, action: "REBUILD" }}
            label="Rebuild"
            title={`Rebuild ${name}?`}
            confirmLabel="Rebuild desktop"
          >
            <p>The desktop is recreated from the pool&apos;s golden image. Everything on its disk is lost.</p>
            <ForceOption assignedTo={assignedTo} />
          </ConfirmAction>
          <ConfirmAction
            action={desktopAction}
            fields={{ id, action: "TERMINATE" }}
            label="Terminate"
            title={`Terminate ${name}?`}
            confirmLabel="Terminate desktop"
          >
            <p>The desktop and its disk are deleted. The pool builds a new one if it needs to.</p>
            <ForceOption assignedTo={assignedTo} />
          </ConfirmAction>
        </div>
      )}
    </div>
  );
}
