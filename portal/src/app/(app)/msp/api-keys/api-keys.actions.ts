"use server";

import { revalidatePath } from "next/cache";
import { CreateMspApiKeyDocument, RevokeMspApiKeyDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { createApiKeyWith } from "@/lib/api-key-actions";
import { type FormState, failure, success, text } from "@/lib/form-state";

export async function createMspApiKeyAction(_state: FormState, formData: FormData): Promise<FormState> {
  const state = await createApiKeyWith(formData, async (input) => {
    const outcome = await mutate(CreateMspApiKeyDocument, { input });
    return outcome.ok ? { ok: true, data: outcome.data.createMspApiKey } : outcome;
  });
  revalidatePath("/msp/api-keys");
  return state;
}

export async function revokeMspApiKeyAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(RevokeMspApiKeyDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/msp/api-keys");
  return success("The key was revoked.");
}
