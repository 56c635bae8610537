"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { CreateUserDocument, DeleteUserDocument, TenantRole, UpdateUserDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { type FormState, failure, invalid, optionalText, requireFields, success, text } from "@/lib/form-state";

export async function createUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { username: "Username" });
  const role = enumValue(TenantRole, text(formData, "role"));
  if (!role) errors.role = "Role is required.";
  const password = text(formData, "password");
  if (password && password.length < 8) errors.password = "Use at least 8 characters.";
  if (!role || Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateUserDocument, {
    input: {
      username: text(formData, "username"),
      displayName: optionalText(formData, "displayName"),
      email: optionalText(formData, "email"),
      role,
      password: password || null,
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  redirect(`/console/users/${outcome.data.createUser.id}?created=1`);
}

export async function updateUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const password = text(formData, "password");
  if (password && password.length < 8) return invalid(formData, { password: "Use at least 8 characters." });
  const outcome = await mutate(UpdateUserDocument, {
    id,
    input: {
      displayName: optionalText(formData, "displayName"),
      email: optionalText(formData, "email"),
      role: enumValue(TenantRole, text(formData, "role")),
      disabled: formData.get("disabled") === "on",
      ...(password ? { password } : {}),
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/console/users/${id}`);
  return success("Changes saved.");
}

export async function deleteUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteUserDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  redirect("/console/users?deleted=1");
}
