"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  CreateTenantDocument,
  CreateUserDocument,
  DeleteTenantDocument,
  EnterTenantDocument,
  LeaveTenantDocument,
  TenantRole,
  TenantStatus,
  UpdateTenantDocument,
  type UpdateTenantInput,
} from "@/generated/graphql";
import { mutate } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import {
  type FormState,
  failure,
  invalid,
  optionalInt,
  optionalText,
  requireFields,
  success,
  text,
} from "@/lib/form-state";
import { getViewer } from "@/lib/viewer";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Wizard step 1: the organisation itself. */
export async function createTenantAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { name: "Name", slug: "Sign-in name" });
  const slug = text(formData, "slug").toLowerCase();
  if (slug && !SLUG.test(slug)) errors.slug = "Use lower-case letters, digits and dashes.";
  const maxDesktops = optionalInt(formData, "maxDesktops");
  if (maxDesktops !== null && (!Number.isInteger(maxDesktops) || maxDesktops < 0))
    errors.maxDesktops = "Enter a whole number, or leave empty for no limit.";
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(CreateTenantDocument, {
    input: { name: text(formData, "name"), slug, brandColor: optionalText(formData, "brandColor"), maxDesktops },
  });
  if (!outcome.ok) return failure(formData, outcome);
  redirect(`/msp/tenants/${outcome.data.createTenant.id}/onboard?step=cloud`);
}

/** Wizard step 2 and the tenant page: where the tenant's desktops live in VHI. */
export async function updateTenantAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  const next = text(formData, "next");
  // Each form posts some of the fields; only those it posted change.
  const posted = <T>(name: string, read: () => T): T | undefined => (formData.has(name) ? read() : undefined);
  const input: UpdateTenantInput = {
    name: posted("name", () => optionalText(formData, "name")),
    brandColor: posted("brandColor", () => optionalText(formData, "brandColor")),
    vhiDomain: posted("vhiDomain", () => optionalText(formData, "vhiDomain")),
    vhiProject: posted("vhiProject", () => optionalText(formData, "vhiProject")),
    status: posted("status", () => enumValue(TenantStatus, text(formData, "status")) ?? null),
    maxDesktops: posted("maxDesktops", () => optionalInt(formData, "maxDesktops")),
  };
  if (next === "admin" && (!input.vhiDomain || !input.vhiProject)) {
    return invalid(formData, {
      ...(input.vhiDomain ? {} : { vhiDomain: "Domain is required." }),
      ...(input.vhiProject ? {} : { vhiProject: "Project is required." }),
    });
  }
  const outcome = await mutate(UpdateTenantDocument, { id, input });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/msp/tenants/${id}`);
  if (next) redirect(`/msp/tenants/${id}/onboard?step=${next}`);
  return success("Changes saved.");
}

/**
 * Wizard step 3: the tenant's first administrator. Creating a user happens inside the tenant, so the MSP session
 * enters it (audited) and returns to where it was afterwards, also when creation fails.
 */
export async function createTenantAdminAction(_state: FormState, formData: FormData): Promise<FormState> {
  const tenantId = text(formData, "tenantId");
  const errors = requireFields(formData, { username: "Username", password: "Password" });
  const password = text(formData, "password");
  if (password && password.length < 8) errors.password = "Use at least 8 characters.";
  if (Object.keys(errors).length) return invalid(formData, errors);
  const previous = (await getViewer()).actingTenantId;
  const entered = await mutate(EnterTenantDocument, { tenantId });
  if (!entered.ok) return failure(formData, entered);
  const created = await mutate(CreateUserDocument, {
    input: {
      username: text(formData, "username"),
      displayName: optionalText(formData, "displayName"),
      email: optionalText(formData, "email"),
      password,
      role: TenantRole.TENANT_ADMIN,
    },
  });
  if (previous) await mutate(EnterTenantDocument, { tenantId: previous });
  else await mutate(LeaveTenantDocument, {});
  if (!created.ok) return failure(formData, created);
  redirect(`/msp/tenants/${tenantId}/onboard?step=done&admin=${encodeURIComponent(text(formData, "username"))}`);
}

export async function deleteTenantAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteTenantDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  redirect("/msp?deleted=1");
}
