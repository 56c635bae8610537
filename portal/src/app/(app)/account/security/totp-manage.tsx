"use client";

import { RecoveryCodes } from "@/components/auth/recovery-codes";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { disableTotpAction, regenerateRecoveryCodesAction } from "./security.actions";

/** Both changes take a code from the app or a recovery code: an open session alone cannot make them. */
function ProofField() {
  return <TextField name="proof" label="Code from your app, or a recovery code" autoComplete="one-time-code" />;
}

export function RegenerateRecoveryCodes() {
  return (
    <ActionForm
      action={regenerateRecoveryCodesAction}
      aria-label="New recovery codes"
      renderSuccess={(state) => <RecoveryCodes codes={(state.result?.codes ?? "").split(" ").filter(Boolean)} />}
    >
      <ProofField />
      <div className="row">
        <SubmitButton>Get new recovery codes</SubmitButton>
      </div>
    </ActionForm>
  );
}

/** Turning the app off, or why it cannot be: the organisation's rule allows replacing it only. */
export function TurnOffTotp({ required }: { required: boolean }) {
  if (required) {
    return (
      <p className="muted">
        Your organisation requires two-step verification: you can replace your app, but not turn it off.
      </p>
    );
  }
  return (
    <ActionForm action={disableTotpAction} aria-label="Turn off two-step verification">
      <ProofField />
      <div className="row">
        <SubmitButton>Turn off</SubmitButton>
      </div>
    </ActionForm>
  );
}
