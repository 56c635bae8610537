"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  CreateMspStaffDocument,
  MspRole,
  ResetMspStaffMfaDocument,
  ResetMspStaffPasswordDocument,
  UpdateMspStaffDocument,
} from "@/generated/graphql";
import { type MutationOutcome, mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { type FormState, failure, invalid, optionalText, requireFields, success, text } from "@/lib/form-state";
import { portalBaseUrl } from "@/lib/public-url";

const MIN_PASSWORD = 12;

export async function createStaffAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { username: "Username", password: "Password" });
  const password = text(formData, "password");
  if (password && password.length < MIN_PASSWORD) errors.password = `Use at least ${MIN_PASSWORD} characters.`;
  const role = enumValue(MspRole, text(formData, "role"));
  if (!role) errors.role = "Choose a role.";
  const invite = formData.get("invite") === "on";
  if (invite && !text(formData, "email")) errors.email = "An invitation needs an e-mail address.";
  if (Object.keys(errors).length || !role) return invalid(formData, errors);
  const outcome = await mutate(CreateMspStaffDocument, {
    input: {
      username: text(formData, "username"),
      displayName: optionalText(formData, "displayName"),
      email: optionalText(formData, "email"),
      role,
      password,
      mfaRequired: formData.get("mfaRequired") === "on",
      invite,
      signInUrl: invite ? `${await portalBaseUrl()}/signin` : null,
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/msp/staff");
  redirect(`/msp/staff/${outcome.data.createMspStaff.id}?created=1`);
}

function answer(formData: FormData, outcome: MutationOutcome<unknown>, message: string): FormState {
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/msp/staff/${text(formData, "id")}`);
  revalidatePath("/msp/staff");
  return success(message);
}

export async function updateStaffAction(_state: FormState, formData: FormData): Promise<FormState> {
  const role = enumValue(MspRole, text(formData, "role"));
  if (!role) return invalid(formData, { role: "Choose a role." });
  const outcome = await mutate(UpdateMspStaffDocument, {
    id: text(formData, "id"),
    input: {
      displayName: optionalText(formData, "displayName"),
      email: optionalText(formData, "email"),
      role,
      mfaRequired: formData.get("mfaRequired") === "on",
    },
  });
  return answer(formData, outcome, "Changes saved.");
}

export async function setStaffDisabledAction(_state: FormState, formData: FormData): Promise<FormState> {
  const disabled = text(formData, "disabled") === "true";
  const outcome = await mutate(UpdateMspStaffDocument, { id: text(formData, "id"), input: { disabled } });
  return answer(
    formData,
    outcome,
    disabled ? "The account was disabled and its sessions ended." : "The account was enabled.",
  );
}

export async function resetStaffPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const password = text(formData, "password");
  if (password.length < MIN_PASSWORD)
    return invalid(formData, { password: `Use at least ${MIN_PASSWORD} characters.` });
  const outcome = await mutate(ResetMspStaffPasswordDocument, { id: text(formData, "id"), input: { password } });
  return answer(formData, outcome, "The password was changed and the person's sessions ended.");
}

export async function resetStaffMfaAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(ResetMspStaffMfaDocument, { id: text(formData, "id") });
  return answer(formData, outcome, "The authenticator was removed: a new one is enrolled at the next sign-in.");
}
