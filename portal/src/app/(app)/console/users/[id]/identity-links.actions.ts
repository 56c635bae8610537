"use server";

import { revalidatePath } from "next/cache";
import { LinkExternalIdentityDocument, UnlinkExternalIdentityDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";

/** An admin's explicit link: from now on that provider's person signs into this user. */
export async function linkIdentityAction(_state: FormState, formData: FormData): Promise<FormState> {
  const userId = text(formData, "userId");
  const providerId = text(formData, "providerId");
  const subject = text(formData, "subject");
  if (!providerId || !subject) {
    return invalid(formData, {
      ...(providerId ? {} : { providerId: "Pick the provider." }),
      ...(subject ? {} : { subject: "Enter the provider's id of the person." }),
    });
  }
  const outcome = await mutate(LinkExternalIdentityDocument, { input: { userId, providerId, subject } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/console/users/${userId}`);
  return success("Linked: the person signs into this user from now on.");
}

export async function unlinkIdentityAction(_state: FormState, formData: FormData): Promise<FormState> {
  const userId = text(formData, "userId");
  const outcome = await mutate(UnlinkExternalIdentityDocument, { userId, providerId: text(formData, "providerId") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/console/users/${userId}`);
  return success("Unlinked: their next sign-in through that provider follows its link rule.");
}
