"use client";

import { createContext, type ReactNode, useActionState, useContext, useEffect, useRef } from "react";
import { type FormState, initialFormState } from "@/lib/form-state";

export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

const FormStateContext = createContext<FormState>(initialFormState);

export function useFormState(): FormState {
  return useContext(FormStateContext);
}

interface ActionFormProps {
  action: FormAction;
  children: ReactNode;
  className?: string;
  /** Rendered after a successful submit (e.g. a secret shown once). */
  renderSuccess?: (state: FormState) => ReactNode;
  "aria-label"?: string;
}

/** A progressively enhanced form around a server action: API errors appear on the form and next to fields. */
export function ActionForm({ action, children, className, renderSuccess, ...rest }: ActionFormProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status === "error") alertRef.current?.focus();
  }, [state]);
  return (
    <FormStateContext.Provider value={state}>
      <form action={formAction} className={className ?? "form"} noValidate aria-label={rest["aria-label"]}>
        {state.status === "error" && state.message ? (
          <div className="alert alert-error" role="alert" tabIndex={-1} ref={alertRef}>
            {state.message}
          </div>
        ) : null}
        {state.status === "success" && state.message ? (
          <div className="alert alert-success" role="status">
            {state.message}
          </div>
        ) : null}
        {state.status === "success" && renderSuccess ? renderSuccess(state) : null}
        {children}
      </form>
    </FormStateContext.Provider>
  );
}
