"use server";

import { revalidatePath } from "next/cache";
import { CreateAssignmentRuleDocument, DeleteAssignmentRuleDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";
import { ruleInputOf } from "./rule-input";

export async function createRuleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const { input, errors } = ruleInputOf(formData);
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateAssignmentRuleDocument, { input });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/rules");
  return success("The rule was added.");
}

export async function deleteRuleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteAssignmentRuleDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/rules");
  return success("The rule was deleted.");
}
