"use client";

import { useActionState } from "react";
import { RecoveryCodes } from "@/components/auth/recovery-codes";
import { ActionForm, useFormState } from "@/components/forms/action-form";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { initialFormState } from "@/lib/form-state";
import { confirmTotpAction, startTotpAction } from "./security.actions";

/** The QR code and the code field, until the code is accepted (then only the recovery codes remain). */
function ConfirmStep({
  qrCodeDataUrl,
  secret,
  replacing,
}: {
  qrCodeDataUrl: string;
  secret: string;
  replacing: boolean;
}) {
  if (useFormState().status === "success") return null;
  return (
    <>
      <div className="qr-enrolment">
        {/* biome-ignore lint/performance/noImgElement: a data URL from the API; next/image cannot optimise it */}
        <img src={qrCodeDataUrl} alt="QR code to scan with your authenticator app" width={180} height={180} />
        <div className="stack">
          <span>
            Scan the code with an authenticator app (Microsoft Authenticator, Google Authenticator, 1Password…).
          </span>
          <span className="hint">Cannot scan? Enter this key:</span>
          <code className="secret-key" data-testid="totp-secret">
            {secret}
          </code>
        </div>
      </div>
      <TextField
        name="code"
        label="Code from the app"
        autoComplete="one-time-code"
        maxLength={6}
        hint="Proves the app is set up before it is required at sign-in."
      />
      {replacing ? (
        <TextField
          name="proof"
          label="Code from your current app, or a recovery code"
          autoComplete="one-time-code"
          hint="The current app keeps working until the new one is confirmed."
        />
      ) : null}
      <div className="row">
        <SubmitButton>{replacing ? "Replace app" : "Turn on"}</SubmitButton>
      </div>
    </>
  );
}

/** Start → scan the QR code → confirm with a code → recovery codes, shown once. */
export function TotpSetup({ enabled }: { enabled: boolean }) {
  const [started, start, starting] = useActionState(startTotpAction, initialFormState);
  const enrolment = started.status === "success" ? started.result : undefined;
  if (!enrolment) {
    return (
      <form action={start} className="stack">
        {started.status === "error" ? (
          <div className="alert alert-error" role="alert">
            {started.message}
          </div>
        ) : null}
        <div>
          <button type="submit" className="btn btn-primary" disabled={starting} aria-busy={starting}>
            {enabled ? "Set up a new authenticator app" : "Set up authenticator app"}
          </button>
        </div>
      </form>
    );
  }
  return (
    <ActionForm
      action={confirmTotpAction}
      aria-label="Confirm authenticator app"
      renderSuccess={(state) => <RecoveryCodes codes={(state.result?.codes ?? "").split(" ").filter(Boolean)} />}
    >
      <ConfirmStep qrCodeDataUrl={enrolment.qrCodeDataUrl} secret={enrolment.secret} replacing={enabled} />
    </ActionForm>
  );
}
