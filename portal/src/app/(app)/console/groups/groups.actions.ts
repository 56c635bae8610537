"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  AddGroupMemberDocument,
  CreateGroupDocument,
  DeleteGroupDocument,
  RemoveGroupMemberDocument,
  TenantRole,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { type FormState, failure, invalid, optionalText, requireFields, success, text } from "@/lib/form-state";

export async function createGroupAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name" });
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateGroupDocument, {
    input: {
      name: text(formData, "name"),
      description: optionalText(formData, "description"),
      role: enumValue(TenantRole, text(formData, "role")) ?? null,
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  redirect(`/console/groups/${outcome.data.createGroup.id}`);
}

export async function deleteGroupAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteGroupDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  redirect("/console/groups");
}

export async function addMemberAction(_state: FormState, formData: FormData): Promise<FormState> {
  const groupId = text(formData, "groupId");
  const errors = requireFields(formData, { userId: "User" });
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(AddGroupMemberDocument, { groupId, userId: text(formData, "userId") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/console/groups/${groupId}`);
  return success("Member added.");
}

export async function removeMemberAction(_state: FormState, formData: FormData): Promise<FormState> {
  const groupId = text(formData, "groupId");
  const outcome = await mutate(RemoveGroupMemberDocument, { groupId, userId: text(formData, "userId") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/console/groups/${groupId}`);
  return success("Member removed.");
}
