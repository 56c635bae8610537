"use server";

import { revalidatePath } from "next/cache";
import { ConfirmTotpEnrolmentDocument, StartTotpEnrolmentDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";

/** A new authenticator secret; the old one (if any) keeps working until the new one is confirmed. */
export async function startTotpAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(StartTotpEnrolmentDocument, {});
  if (!outcome.ok) return failure(formData, outcome);
  const { qrCodeDataUrl, secret } = outcome.data.startTotpEnrolment;
  return success("Scan the QR code with your authenticator app.", { qrCodeDataUrl, secret });
}

export async function confirmTotpAction(_state: FormState, formData: FormData): Promise<FormState> {
  const code = text(formData, "code").replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return invalid(formData, { code: "Enter the 6-digit code from the app." });
  const outcome = await mutate(ConfirmTotpEnrolmentDocument, { input: { code } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/account/security");
  return success("Two-step verification is on.", { codes: outcome.data.confirmTotpEnrolment.codes.join(" ") });
}
