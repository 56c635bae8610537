"use server";

import { revalidatePath } from "next/cache";
import {
  ConfirmTotpEnrolmentDocument,
  DisableTotpDocument,
  RegenerateRecoveryCodesDocument,
  StartTotpEnrolmentDocument,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";

/** A new authenticator secret; the old one (if any) keeps working until the new one is confirmed. */
export async function startTotpAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(StartTotpEnrolmentDocument, {});
  if (!outcome.ok) return failure(formData, outcome);
  const { qrCodeDataUrl, secret } = outcome.data.startTotpEnrolment;
  return success("Scan the QR code with your authenticator app.", { qrCodeDataUrl, secret });
}

/** The code from the current app or a recovery code, as typed (spaces dropped); the API tells which it is. */
const proofOf = (formData: FormData) => text(formData, "proof").replace(/\s+/g, "");

export async function confirmTotpAction(_state: FormState, formData: FormData): Promise<FormState> {
  const code = text(formData, "code").replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return invalid(formData, { code: "Enter the 6-digit code from the app." });
  const proof = proofOf(formData) || null;
  const outcome = await mutate(ConfirmTotpEnrolmentDocument, { input: { code, proof } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/account/security");
  return success("Two-step verification is on.", { codes: outcome.data.confirmTotpEnrolment.codes.join(" ") });
}

const PROOF_MISSING = "Enter the code from your app, or a recovery code.";

export async function regenerateRecoveryCodesAction(_state: FormState, formData: FormData): Promise<FormState> {
  const proof = proofOf(formData);
  if (!proof) return invalid(formData, { proof: PROOF_MISSING });
  const outcome = await mutate(RegenerateRecoveryCodesDocument, { input: { proof } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/account/security");
  return success("New recovery codes: the earlier ones no longer work.", {
    codes: outcome.data.regenerateRecoveryCodes.codes.join(" "),
  });
}

export async function disableTotpAction(_state: FormState, formData: FormData): Promise<FormState> {
  const proof = proofOf(formData);
  if (!proof) return invalid(formData, { proof: PROOF_MISSING });
  const outcome = await mutate(DisableTotpDocument, { input: { proof } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/account/security");
  return success("Two-step verification is off.");
}
