"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { completeMfaAction } from "@/app/actions/sign-in.actions";
import type { MfaMethod } from "@/generated/graphql";
import type { SignInState } from "@/lib/auth/sign-in-state";
import { ErrorAlert } from "./error-alert";
import { RecoveryCodes } from "./recovery-codes";

/**
 * Which method the typed code is for; the API infers it when this is empty. The names are literals checked against
 * the generated type: a client component imports no values from the generated module.
 */
function methodFor(methods: MfaMethod[], enrolling: boolean, recovery: boolean): MfaMethod | "" {
  if (enrolling) return "TOTP_ENROLMENT";
  if (recovery) return "RECOVERY_CODE";
  if (methods[0] === "RADIUS") return "RADIUS";
  return methods.includes("TOTP") ? "TOTP" : "";
}

interface MfaFormProps {
  /** The password step's outcome, holding the challenge. */
  first: SignInState;
  callbackUrl: string;
  restartHref: string;
}

/** The second factor: an authenticator code (after enrolling with the QR code if needed), a RADIUS prompt, or a recovery code. */
export function MfaForm({ first, callbackUrl, restartHref }: MfaFormProps) {
  const [state, action, pending] = useActionState(completeMfaAction, first);
  const [recovery, setRecovery] = useState(false);
  const codeId = useId();
  const hintId = useId();
  const codeRef = useRef<HTMLInputElement>(null);
  // The code field takes focus when the step appears (the password field it replaces had it).
  useEffect(() => {
    codeRef.current?.focus();
  }, []);
  const toggleRecovery = () => {
    setRecovery((value) => !value);
    if (codeRef.current) codeRef.current.value = "";
    codeRef.current?.focus();
  };
  if (state.recoveryCodes) return <NewRecoveryCodes {...state.recoveryCodes} />;
  const mfa = state.mfa ?? first.mfa;
  if (!mfa) return null;
  const enrolment = mfa.enrolment;
  // Once a recovery code has turned the challenge into a new enrolment, the code field takes the new app's code.
  const usingRecovery = recovery && !enrolment;
  const radius = mfa.methods[0] === "RADIUS";
  const offersRecovery = !enrolment && mfa.methods.includes("RECOVERY_CODE");
  return (
    <form className="form" action={action} aria-label="Two-step verification">
      <h2 className="mfa-title">{enrolment ? "Set up two-step verification" : "Two-step verification"}</h2>
      <p className="muted" role="status">
        {usingRecovery ? "Enter one of the recovery codes you saved when you set up your app." : mfa.message}
      </p>
      <ErrorAlert state={state} />
      {enrolment ? (
        <div className="qr-enrolment">
          {/* biome-ignore lint/performance/noImgElement: a data URL from the API; next/image cannot optimise it */}
          <img
            src={enrolment.qrCodeDataUrl}
            alt="QR code to scan with your authenticator app"
            width={180}
            height={180}
          />
          <div className="stack">
            <span className="muted">
              Scan the code with an authenticator app, then enter the 6-digit code it shows.
            </span>
            <span className="hint">Cannot scan? Enter this key:</span>
            <code className="secret-key" data-testid="totp-secret">
              {enrolment.secret}
            </code>
          </div>
        </div>
      ) : null}
      <input type="hidden" name="challengeToken" value={mfa.challengeToken} />
      <input type="hidden" name="method" value={methodFor(mfa.methods, Boolean(enrolment), usingRecovery)} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="field">
        <label htmlFor={codeId}>{usingRecovery ? "Recovery code" : "Code"}</label>
        <input
          id={codeId}
          name="code"
          type="text"
          autoComplete="one-time-code"
          inputMode={usingRecovery || radius ? "text" : "numeric"}
          required
          ref={codeRef}
          aria-describedby={radius ? hintId : undefined}
        />
        {radius ? (
          <span className="hint" id={hintId}>
            The code your sign-in service sent you; some services also accept “push” to approve on your phone.
          </span>
        ) : null}
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending}>
        {pending ? "Checking…" : "Verify"}
      </button>
      {usingRecovery ? (
        <button type="submit" name="intent" value="new-app" className="btn btn-block" disabled={pending}>
          Lost my phone: set up a new app
        </button>
      ) : null}
      <div className="row" style={{ justifyContent: "space-between" }}>
        {offersRecovery ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={toggleRecovery}>
            {usingRecovery ? "Use the authenticator app" : "Use a recovery code"}
          </button>
        ) : (
          <span />
        )}
        <a className="btn btn-ghost btn-sm" href={restartHref}>
          Start over
        </a>
      </div>
    </form>
  );
}

/** Signed in with a new app: its recovery codes, the only time they are shown, then on to the page asked for. */
function NewRecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  return (
    <div className="form">
      <h2 className="mfa-title">Two-step verification is set up</h2>
      <RecoveryCodes codes={codes} />
      <a className="btn btn-primary btn-block" href={next}>
        I have saved my codes, continue
      </a>
    </div>
  );
}
