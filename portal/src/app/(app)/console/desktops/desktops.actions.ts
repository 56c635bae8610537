"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type DesktopAction, DesktopActionDocument, SetDesktopOutOfServiceDocument } from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { type FormState, failure, success, text } from "@/lib/form-state";

const ACTIONS = new Set<DesktopAction>([
  "START",
  "STOP",
  "REBOOT",
  "SUSPEND",
  "RESUME",
  "SHELVE",
  "UNSHELVE",
  "REBUILD",
  "TERMINATE",
]);

/** Power, rebuild and terminate: the API records the request and the pool controller carries it out. */
export async function desktopAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const action = text(formData, "action") as DesktopAction;
  if (!ACTIONS.has(action)) return { status: "error", message: "Unknown action.", fieldErrors: {}, values: {} };
  const outcome = await mutate(DesktopActionDocument, { id, action, force: formData.get("force") === "on" });
  if (!outcome.ok) return failure(formData, outcome);
  if (action === "TERMINATE") {
    redirect(`/console/desktops?terminated=${encodeURIComponent(outcome.data.desktopAction.name)}`);
  }
  revalidatePath(`/console/desktops/${id}`);
  return success(
    action === "REBUILD" ? "Rebuild requested." : "Request sent. The desktop changes within a few seconds.",
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
