"use client";

import { type ReactNode, useActionState, useId } from "react";
import { signInAction } from "@/app/actions/sign-in.actions";
import { initialSignInState } from "@/lib/auth/sign-in-state";
import { signInPath } from "@/lib/routes";
import { ErrorAlert } from "./error-alert";
import { MfaForm } from "./mfa-form";

interface SignInFormProps {
  /** Fixed when the tenant comes from the URL or hostname; otherwise the user may type it (blank = MSP staff). */
  tenantSlug: string | null;
  callbackUrl: string;
  /** Shown under the password step only (single sign-on buttons). */
  children?: ReactNode;
}

/**
 * Username and password go to a server action that calls the API's `signInWithPassword`; works without JavaScript
 * too. When the API asks for a second factor, the same card continues with the code step.
 */
export function SignInForm({ tenantSlug, callbackUrl, children }: SignInFormProps) {
  const [state, action, pending] = useActionState(signInAction, initialSignInState);
  const ids = { tenant: useId(), username: useId(), password: useId() };
  if (state.mfa) {
    const restart = `${signInPath(tenantSlug)}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
    return <MfaForm first={state} callbackUrl={callbackUrl} restartHref={restart} />;
  }
  return (
    <>
      <form className="form" action={action} aria-label="Sign in">
        <ErrorAlert state={state} />
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
      {children}
    </>
  );
}
