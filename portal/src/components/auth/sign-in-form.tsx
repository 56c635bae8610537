"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useId, useRef, useState } from "react";

interface SignInFormProps {
  /** Fixed when the tenant comes from the URL or hostname; otherwise the user may type it (blank = MSP staff). */
  tenantSlug: string | null;
  callbackUrl: string;
}

/**
 * Username and password go to next-auth's credentials provider, which calls the API's `signIn`. The API's
 * message is shown as is (it never says whether the user exists).
 */
export function SignInForm({ tenantSlug, callbackUrl }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const ids = { tenant: useId(), username: useId(), password: useId() };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("Enter your username and password.");
      errorRef.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      username,
      password,
      tenant: tenantSlug ?? String(form.get("tenant") ?? "").trim(),
    });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Sign-in failed. Try again.");
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Sign in">
      {error ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={errorRef}>
          {error}
        </div>
      ) : (
        <div ref={errorRef} tabIndex={-1} />
      )}
      {tenantSlug ? null : (
        <div className="field">
          <label htmlFor={ids.tenant}>Organisation</label>
          <input id={ids.tenant} name="tenant" type="text" autoComplete="organization" placeholder="e.g. acme" />
          <span className="hint">Leave empty if you work for the service provider.</span>
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.username}>Username</label>
        <input id={ids.username} name="username" type="text" autoComplete="username" required />
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
