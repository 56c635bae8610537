"use server";

import { revalidatePath } from "next/cache";
import { ClientKind, CreateLocationDocument, DeleteLocationDocument, LocationGatewayMode } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue, enumValuesOf } from "@/lib/enums";
import { type FormState, failure, invalid, optionalText, requireFields, success, text } from "@/lib/form-state";

/** One address or range per line (or comma-separated), as people paste them. */
export async function createLocationAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name", cidrs: "Addresses" });
  const clientKinds = enumValuesOf(ClientKind, formData.getAll("clientKinds"));
  if (clientKinds.length === 0) errors.clientKinds = "Pick at least one kind of client.";
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateLocationDocument, {
    input: {
      name: text(formData, "name"),
      description: optionalText(formData, "description"),
      cidrs: text(formData, "cidrs")
        .split(/[\s,]+/)
        .filter(Boolean),
      clientKinds,
      viaGateway: enumValue(LocationGatewayMode, text(formData, "viaGateway")) ?? LocationGatewayMode.ANY,
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/locations");
  return success("The location was added.");
}

export async function deleteLocationAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteLocationDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath("/console/locations");
  return success("The location was deleted.");
}
