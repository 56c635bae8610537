"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { signInAction } from "@/app/actions/sign-in.actions";
import { initialFormState } from "@/lib/form-state";

interface SignInFormProps {
  /** Fixed when the tenant comes from the URL or hostname; otherwise the user may type it (blank = MSP staff). */
  tenantSlug: string | null;
  callbackUrl: string;
}

/** Username and password go to a server action that calls the API's `signIn`; works without JavaScript too. */
export function SignInForm({ tenantSlug, callbackUrl }: SignInFormProps) {
  const [state, action, pending] = useActionState(signInAction, initialFormState);
  const errorRef = useRef<HTMLDivElement>(null);
  const ids = { tenant: useId(), username: useId(), password: useId() };
  useEffect(() => {
    if (state.status === "error") errorRef.current?.focus();
  }, [state]);
  return (
    <form className="form" action={action} aria-label="Sign in">
      {state.status === "error" ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={errorRef}>
          {state.message}
        </div>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {tenantSlug ? (
        <input type="hidden" name="tenant" value={tenantSlug} />
      ) : (
        <div className="field">
          <label htmlFor={ids.tenant}>Organisation</label>
          <input
            id={ids.tenant}
            name="tenant"
            type="text"
            autoComplete="organization"
            placeholder="e.g. acme"
            defaultValue={state.values.tenant ?? ""}
          />
          <span className="hint">Leave empty if you work for the service provider.</span>
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.username}>Username</label>
        <input
          id={ids.username}
          name="username"
          type="text"
          autoComplete="username"
          required
          defaultValue={state.values.username ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>Password</label>
        <input id={ids.password} name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
