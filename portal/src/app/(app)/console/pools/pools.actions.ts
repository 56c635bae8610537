"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  CreatePoolDocument,
  DeletePoolDocument,
  OfferPoolDocument,
  PausePoolDocument,
  PoolStatus,
  ResumePoolDocument,
  UpdatePoolScalingDocument,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";
import { poolInputOf, scalingOf } from "./pool-input";

export async function createPoolAction(_state: FormState, formData: FormData): Promise<FormState> {
  const { input, errors } = poolInputOf(formData);
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreatePoolDocument, { input });
  if (!outcome.ok) return failure(formData, outcome);
  // Creating a pool ends with who gets it: a pool no policy offers reaches nobody.
  redirect(`/console/pools/${outcome.data.createPool.id}/people?created=1`);
}

/** The last step of creating a pool (or later, from its warning): an existing policy, or a new one for groups. */
export async function offerPoolAction(_state: FormState, formData: FormData): Promise<FormState> {
  const poolId = text(formData, "poolId");
  const existing = text(formData, "who") !== "groups";
  const groupIds = formData.getAll("groupIds").filter((value): value is string => typeof value === "string");
  const errors: Record<string, string> = {};
  if (existing && !text(formData, "policyId")) errors.policyId = "Pick a policy.";
  if (!existing && !text(formData, "newPolicyName")) errors.newPolicyName = "Name the new policy.";
  if (!existing && groupIds.length === 0) errors.groupIds = "Choose at least one group.";
  if (Object.keys(errors).length) return invalid(formData, errors);
  const input = existing
    ? { policyId: text(formData, "policyId"), groupIds: [] }
    : { newPolicyName: text(formData, "newPolicyName"), groupIds };
  const outcome = await mutate(OfferPoolDocument, { poolId, input });
  if (!outcome.ok) return failure(formData, outcome);
  redirect(`/console/pools/${poolId}?offered=${encodeURIComponent(outcome.data.offerPool.name)}`);
}

/** Sizes and schedule of an existing pool; the controller works towards them on its next pass. */
export async function updateScalingAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const errors: Record<string, string> = {};
  const input = scalingOf(formData, errors);
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(UpdatePoolScalingDocument, { id, input });
  if (!outcome.ok) return failure(formData, outcome);
  redirect(`/console/pools/${id}?updated=1`);
}

/** Pause or resume: one button whose hidden `status` says which. */
export async function setPoolStatusAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const resume = enumValue(PoolStatus, text(formData, "status")) === PoolStatus.ACTIVE;
  const outcome = resume ? await mutate(ResumePoolDocument, { id }) : await mutate(PausePoolDocument, { id });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/console/pools/${id}`);
  return success(resume ? "The pool is active again." : "The pool is paused. Its desktops keep running.");
}

export async function deletePoolAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const outcome = await mutate(DeletePoolDocument, { id });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/console/pools/${id}`);
  return success("The pool is being deleted.");
}
