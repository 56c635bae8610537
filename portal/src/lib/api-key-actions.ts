import { ApiKeyScope } from "@/generated/graphql";
import type { MutationOutcome } from "./api/server-api";
import { enumOptions, enumValuesOf } from "./enums";
import { type FormState, failure, invalid, requireFields, success, text } from "./form-state";

export const API_KEY_SCOPES = enumOptions<ApiKeyScope>({
  BILLING_READ: "Billing (read)",
  TENANTS_READ: "Tenants (read)",
  POOLS_READ: "Pools (read)",
  DESKTOPS_READ: "Desktops (read)",
  AUDIT_READ: "Audit log (read)",
});

export interface ApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt: string | null;
}

/** Shared validation and result shape for tenant and MSP key creation. */
export async function createApiKeyWith(
  formData: FormData,
  create: (input: ApiKeyInput) => Promise<MutationOutcome<{ secret: string; apiKey: { name: string } }>>,
): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name" });
  const scopes = enumValuesOf(ApiKeyScope, formData.getAll("scopes"));
  if (scopes.length === 0) errors.scopes = "Choose at least one scope.";
  const expires = text(formData, "expiresAt");
  if (expires && Number.isNaN(Date.parse(expires))) errors.expiresAt = "Enter a valid date.";
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await create({
    name: text(formData, "name"),
    scopes,
    expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null,
  });
  if (!outcome.ok) return failure(formData, outcome);
  return success("The key was created.", { secret: outcome.data.secret, name: outcome.data.apiKey.name });
}
