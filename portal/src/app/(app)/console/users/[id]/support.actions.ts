"use server";

import { revalidatePath } from "next/cache";
import {
  DesktopAction,
  DesktopActionDocument,
  DisconnectDesktopSessionDocument,
  EndDesktopSessionDocument,
  MessageDesktopSessionDocument,
  ResetUserMfaDocument,
  SignOutUserEverywhereDocument,
  UnlockUserDocument,
} from "@/generated/graphql";
import { type MutationOutcome, mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";

/*
 * The helpdesk's actions on the user page (the session ones also on the sessions list). Each form carries the user's
 * id (`userId`) so their page shows the outcome, and the id of what it acts on (`id`: the user, a session or a desktop).
 */

function answer(formData: FormData, outcome: MutationOutcome<unknown>, message: string): FormState {
  if (!outcome.ok) return failure(formData, outcome);
  const userId = text(formData, "userId");
  if (userId) revalidatePath(`/console/users/${userId}`);
  revalidatePath("/console/sessions");
  return success(message);
}

export async function unlockUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(UnlockUserDocument, { id: text(formData, "id") });
  return answer(formData, outcome, "The user can sign in again.");
}

export async function resetUserMfaAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(ResetUserMfaDocument, { id: text(formData, "id") });
  return answer(formData, outcome, "The authenticator was removed: the user enrols a new one at their next sign-in.");
}

export async function signOutUserEverywhereAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(SignOutUserEverywhereDocument, { id: text(formData, "id") });
  return answer(formData, outcome, "The user was signed out everywhere.");
}

export async function endSessionAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(EndDesktopSessionDocument, { id: text(formData, "id") });
  return answer(formData, outcome, "The session was ended.");
}

export async function disconnectSessionAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DisconnectDesktopSessionDocument, { id: text(formData, "id") });
  return answer(formData, outcome, "The session was disconnected.");
}

export async function messageSessionAction(_state: FormState, formData: FormData): Promise<FormState> {
  const message = text(formData, "text");
  if (!message) return invalid(formData, { text: "Write the message first." });
  const outcome = await mutate(MessageDesktopSessionDocument, { id: text(formData, "id"), text: message });
  return answer(formData, outcome, "Message sent: it appears on the user's desktop.");
}

export async function restartDesktopAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DesktopActionDocument, {
    id: text(formData, "id"),
    action: DesktopAction.REBOOT,
    force: false,
  });
  return answer(formData, outcome, "Restart requested: the desktop restarts within a few seconds.");
}
