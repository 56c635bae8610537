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

/** What the desktops list's BulkBar may ask for, and how each is carried out on one desktop. */
const BULK = {
  REBOOT: {
    done: "Restart requested",
    run: (id: string) => mutate(DesktopActionDocument, { id, action: DesktopAction.REBOOT, force: false }),
  },
  STOP: {
    done: "Shut down requested",
    run: (id: string) => mutate(DesktopActionDocument, { id, action: DesktopAction.STOP, force: false }),
  },
  OUT_OF_SERVICE: {
    done: "Taken out of service",
    run: (id: string) => mutate(SetDesktopOutOfServiceDocument, { id, outOfService: true }),
  },
  IN_SERVICE: {
    done: "Back in service",
    run: (id: string) => mutate(SetDesktopOutOfServiceDocument, { id, outOfService: false }),
  },
} as const;

/** No more than a page of the list at its largest. */
const BULK_LIMIT = 200;

/**
 * The desktops list's bulk actions: the same mutation as on the desktop's own page, once per desktop, so each is
 * checked (permission, tenant, state) and audited on its own; the answer says which desktops were refused and why.
 */
export async function bulkDesktopAction(_state: FormState, formData: FormData): Promise<FormState> {
  const choice = BULK[text(formData, "action") as keyof typeof BULK] as (typeof BULK)[keyof typeof BULK] | undefined;
  const ids = [...new Set(text(formData, "ids").split(",").filter(Boolean))];
  if (!choice) return { status: "error", message: "Unknown action.", fieldErrors: {}, values: {} };
  if (ids.length === 0 || ids.length > BULK_LIMIT) {
    return { status: "error", message: `Select between 1 and ${BULK_LIMIT} desktops.`, fieldErrors: {}, values: {} };
  }
  const refused: string[] = [];
  for (const id of ids) {
    const outcome = await choice.run(id);
    if (!outcome.ok) refused.push(outcome.message);
  }
  revalidatePath("/console/desktops");
  if (refused.length > 0) {
    const message = `${choice.done} for ${ids.length - refused.length} of ${ids.length} desktops. ${refused.join(" ")}`;
    return { status: "error", message, fieldErrors: {}, values: {} };
  }
  return success(`${choice.done} for ${ids.length} desktops.`);
}
