"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { CreatePoolDocument, DeletePoolDocument, PausePoolDocument, ResumePoolDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";
import { poolInputOf } from "./pool-input";

export async function createPoolAction(_state: FormState, formData: FormData): Promise<FormState> {
  const { input, errors } = poolInputOf(formData);
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreatePoolDocument, { input });
  if (!outcome.ok) return failure(formData, outcome);
  redirect(`/console/pools/${outcome.data.createPool.id}?created=1`);
}

/** Pause or resume: one button whose hidden `status` says which. */
export async function setPoolStatusAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const resume = text(formData, "status") === "active";
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
