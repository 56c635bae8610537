"use server";

import { revalidatePath } from "next/cache";
import { CreatePolicyDocument, DeletePolicyDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";
import { policyInputOf } from "./policy-input";

export async function createPolicyAction(_state: FormState, formData: FormData): Promise<FormState> {
  const { input, errors } = policyInputOf(formData);
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreatePolicyDocument, { input });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/policies");
  return success(`Policy “${input.name}” was created.`);
}

export async function deletePolicyAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeletePolicyDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/policies");
  return success("The policy was deleted.");
}
