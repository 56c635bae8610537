"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  CreateAssignmentRuleDocument,
  DeleteAssignmentRuleDocument,
  ReorderAssignmentRulesDocument,
  UpdateAssignmentRuleDocument,
} from "@/generated/graphql";
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

/** Sends back the updatedAt the form was filled from: a rule changed meanwhile is refused, not overwritten. */
export async function updateRuleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const { input, errors } = ruleInputOf(formData);
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(UpdateAssignmentRuleDocument, {
    id: text(formData, "id"),
    input,
    expectedUpdatedAt: text(formData, "expectedUpdatedAt") || null,
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/rules");
  redirect("/console/rules?saved=rule");
}

export async function deleteRuleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteAssignmentRuleDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/rules");
  return success("The rule was deleted.");
}

/** The whole list in its new order, saved in one transaction by the API; its message is what the list announces. */
export async function reorderRulesAction(ids: string[]): Promise<{ ok: boolean; message: string }> {
  const outcome = await mutate(ReorderAssignmentRulesDocument, { ids });
  if (!outcome.ok) return { ok: false, message: outcome.message ?? "The order could not be saved." };
  revalidatePath("/console/rules");
  return { ok: true, message: "The new order was saved." };
}
