"use server";

import { revalidatePath } from "next/cache";
import { CreateApiKeyDocument, RevokeApiKeyDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { createApiKeyWith } from "@/lib/api-key-actions";
import { type FormState, failure, success, text } from "@/lib/form-state";

export async function createTenantApiKeyAction(_state: FormState, formData: FormData): Promise<FormState> {
  const state = await createApiKeyWith(formData, async (input) => {
    const outcome = await mutate(CreateApiKeyDocument, { input });
    return outcome.ok ? { ok: true, data: outcome.data.createApiKey } : outcome;
  });
  revalidatePath("/console/api-keys");
  return state;
}

export async function revokeTenantApiKeyAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(RevokeApiKeyDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/api-keys");
  return success("The key was revoked.");
}
