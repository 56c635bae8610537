"use client";

import { type ReactNode, useActionState, useEffect, useId, useRef } from "react";
import { type FormState, initialFormState } from "@/lib/form-state";

interface ConfirmActionProps {
  /** Server action; receives the hidden fields. */
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  variant?: "danger" | "primary";
  size?: "sm" | "md";
  /** Nothing to act on yet (e.g. no row selected): the button shows but does not open. */
  disabled?: boolean;
  /** Called with the action's success message once the dialog closes, for the caller to announce. */
  onDone?: (message: string) => void;
}

/** Destructive actions ask first, in an accessible modal dialog (focus trapped, Escape cancels). */
export function ConfirmAction({
  action,
  fields,
  label,
  title,
  children,
  confirmLabel,
  variant = "danger",
  size = "sm",
  disabled = false,
  onDone,
}: ConfirmActionProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  // Read through a ref: the effect runs once per answer of the action, not again when the caller re-renders.
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  useEffect(() => {
    if (state.status !== "success") return;
    dialogRef.current?.close();
    onDoneRef.current?.(state.message ?? "");
  }, [state]);
  return (
    <>
      <button
        type="button"
        className={`btn ${variant === "danger" ? "btn-ghost" : ""} btn-${size}`}
        style={variant === "danger" ? { color: "var(--danger)" } : undefined}
        disabled={disabled}
        onClick={() => dialogRef.current?.showModal()}
      >
        {label}
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId}>
        <form action={formAction}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="dialog-body">
            <h2 id={titleId}>{title}</h2>
            <div className="muted">{children}</div>
            {state.status === "error" ? (
              <div className="alert alert-error" role="alert">
                {state.message}
              </div>
            ) : null}
          </div>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
            <button type="submit" className={`btn btn-${variant}`} disabled={pending}>
              {pending ? "Working…" : confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
