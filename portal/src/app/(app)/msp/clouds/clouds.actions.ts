"use server";

import { revalidatePath } from "next/cache";
import { CreateCloudDocument, DeleteCloudDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, optionalText, requireFields, success, text } from "@/lib/form-state";

export async function createCloudAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, {
    name: "Name",
    authUrl: "Keystone URL",
    domainName: "Domain",
    projectName: "Project",
    username: "Username",
    password: "Password",
  });
  const authUrl = text(formData, "authUrl");
  if (authUrl && !/^https?:\/\//.test(authUrl)) errors.authUrl = "Enter an http(s) URL.";
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateCloudDocument, {
    input: {
      name: text(formData, "name"),
      authUrl,
      region: optionalText(formData, "region"),
      domainName: text(formData, "domainName"),
      projectName: text(formData, "projectName"),
      username: text(formData, "username"),
      password: text(formData, "password"),
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/msp/clouds");
  return success("The cloud was registered. Its status updates after the first check.");
}

export async function deleteCloudAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteCloudDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/msp/clouds");
  return success("The cloud was removed.");
}
