"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { EnterTenantDocument, LeaveTenantDocument, SignOutDocument } from "@/generated/graphql";
import { currentTokens, mutate } from "@/lib/api/server-api";
import { sessionCookieName } from "@/lib/auth/session-secret";
import { type FormState, text } from "@/lib/form-state";
import { signInPath } from "@/lib/routes";

/** Revokes the API session, then drops the portal cookie and returns to the tenant's sign-in page. */
export async function signOutAction(): Promise<void> {
  const tokens = await currentTokens();
  if (tokens) await mutate(SignOutDocument, {});
  const jar = await cookies();
  jar.delete(sessionCookieName());
  jar.delete("next-auth.csrf-token");
  redirect(`${signInPath(tokens?.tenantSlug ?? null)}?reason=signed-out`);
}

/** MSP staff step into a tenant's console; the API audits it. */
export async function enterTenantAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(EnterTenantDocument, { tenantId: text(formData, "tenantId") });
  if (!outcome.ok) return { status: "error", message: outcome.message, fieldErrors: {}, values: {} };
  // The shared layout shows the acting tenant (name, colour, banner): render it afresh.
  revalidatePath("/", "layout");
  redirect("/console");
}

export async function leaveTenantAction(): Promise<void> {
  await mutate(LeaveTenantDocument, {});
  revalidatePath("/", "layout");
  redirect("/msp");
}
