import type { MutationOutcome } from "./api/server-api";
import { type FormState, failure, invalid, requireFields, success, text } from "./form-state";

export const API_KEY_SCOPES = [
  { value: "billing:read", label: "Billing (read)" },
  { value: "tenants:read", label: "Tenants (read)" },
  { value: "pools:read", label: "Pools (read)" },
  { value: "desktops:read", label: "Desktops (read)" },
  { value: "audit:read", label: "Audit log (read)" },
];

export interface ApiKeyInput {
  name: string;
  scopes: string[];
  expiresAt: string | null;
}

/** Shared validation and result shape for tenant and MSP key creation. */
export async function createApiKeyWith(
  formData: FormData,
  create: (input: ApiKeyInput) => Promise<MutationOutcome<{ secret: string; apiKey: { name: string } }>>,
): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name" });
  const scopes = formData.getAll("scopes").filter((value): value is string => typeof value === "string");
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
