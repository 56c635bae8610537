"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { DesktopAction, DesktopActionDocument, SetDesktopOutOfServiceDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { type FormState, failure, success, text } from "@/lib/form-state";

/** Power, rebuild and terminate: the API records the request and the pool controller carries it out. */
export async function desktopAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const action = enumValue(DesktopAction, text(formData, "action"));
  if (!action) return { status: "error", message: "Unknown action.", fieldErrors: {}, values: {} };
  const outcome = await mutate(DesktopActionDocument, { id, action, force: formData.get("force") === "on" });
  if (!outcome.ok) return failure(formData, outcome);
  if (action === DesktopAction.TERMINATE) {
    redirect(`/console/desktops?terminated=${encodeURIComponent(outcome.data.desktopAction.name)}`);
  }
  revalidatePath(`/console/desktops/${id}`);
  return success(
    action === DesktopAction.REBUILD ? "Rebuild requested." : "Request sent. The desktop changes within a few seconds.",
  );
}

export async function outOfServiceAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const outOfService = text(formData, "outOfService") === "true";
  const outcome = await mutate(SetDesktopOutOfServiceDocument, { id, outOfService });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/console/desktops/${id}`);
  return success(outOfService ? "The desktop is out of service." : "The desktop is back in service.");
}
