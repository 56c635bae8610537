"use server";

import { revalidatePath } from "next/cache";
import {
  CreateIdentityProviderDocument,
  DeleteIdentityProviderDocument,
  TestIdentityProviderDocument,
  UpdateIdentityProviderDocument,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, invalid, success, text } from "@/lib/form-state";
import { providerInputOf } from "./provider-input";

const PATH = "/console/identity-providers";

export async function createProviderAction(_state: FormState, formData: FormData): Promise<FormState> {
  const { input, errors } = providerInputOf(formData);
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateIdentityProviderDocument, { input });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(PATH);
  return success(`${input.name} was added. Test its connection before relying on it.`);
}

/** Asks the API to reach the real server with the stored settings; the answer is for the administrator. */
export async function testProviderAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(TestIdentityProviderDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  const result = outcome.data.testIdentityProvider;
  if (!result.ok) return { status: "error", message: result.detail, fieldErrors: {}, values: {} };
  // A connection that works can still reach too far (an LDAP search base wider than the tenant's people).
  return success([result.detail, ...result.warnings.map((warning) => `Warning: ${warning}`)].join(" "));
}

export async function toggleProviderAction(_state: FormState, formData: FormData): Promise<FormState> {
  const enabled = text(formData, "enabled") === "true";
  const outcome = await mutate(UpdateIdentityProviderDocument, { id: text(formData, "id"), input: { enabled } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(PATH);
  return success(enabled ? "Enabled." : "Disabled.");
}

export async function deleteProviderAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteIdentityProviderDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(PATH);
  return success("The provider was deleted.");
}
