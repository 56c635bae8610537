"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import { redeemTicketAction } from "@/app/actions/sign-in.actions";
import { initialSignInState } from "@/lib/auth/sign-in-state";
import { ErrorAlert } from "./error-alert";
import { MfaForm } from "./mfa-form";

const FAILED = "Single sign-on did not complete. Try again, or sign in with your username and password.";
// The IdP proved who the user is, but only an administrator can join that sign-in to an existing account.
const CONFLICT =
  "Your organisation's sign-in service knows you, but your account here cannot be told apart from another one. Ask your administrator to link your account.";
const NO_TICKET = "This page finishes a single sign-on; open it from your organisation's sign-in page.";

/**
 * Where the API sends the browser after SAML/OIDC: `#ticket=…` (a fragment, so it never reaches a server log) is
 * traded once for a session; `#error=…` is explained. The fragment is removed from the address bar at once.
 */
export function SsoLanding() {
  const [state, dispatch, pending] = useActionState(redeemTicketAction, initialSignInState);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    window.history.replaceState(null, "", window.location.pathname);
    const ticket = fragment.get("ticket");
    if (!ticket) {
      const error = fragment.get("error");
      setProblem(error === "account_conflict" ? CONFLICT : error ? FAILED : NO_TICKET);
      return;
    }
    const form = new FormData();
    form.set("ticket", ticket);
    startTransition(() => dispatch(form));
  }, [dispatch]);
  if (state.mfa) return <MfaForm first={state} callbackUrl="/" restartHref="/signin" />;
  const failed = problem ? { ...state, error: problem } : state;
  if (!failed.error) {
    return (
      <p className="muted" role="status" aria-busy={pending}>
        Finishing sign-in…
      </p>
    );
  }
  return (
    <div className="stack">
      <ErrorAlert state={failed} />
      <a className="btn btn-primary btn-block" href="/signin">
        Back to sign-in
      </a>
    </div>
  );
}
