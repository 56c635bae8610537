"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  CreateTenantDocument,
  CreateUserDocument,
  DeleteTenantDocument,
  EnterTenantDocument,
  LeaveTenantDocument,
  SendTenantInvitationDocument,
  SetTenantCloudsDocument,
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
import { portalBaseUrl } from "@/lib/public-url";
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
    cloudId: posted("cloudId", () => optionalText(formData, "cloudId")),
    vhiDomain: posted("vhiDomain", () => optionalText(formData, "vhiDomain")),
    // A typed name or id wins over the list: the API checks either against Keystone.
    vhiProject: posted(
      "vhiProject",
      () => optionalText(formData, "vhiProjectOther") ?? optionalText(formData, "vhiProject"),
    ),
    status: posted("status", () => enumValue(TenantStatus, text(formData, "status")) ?? null),
    maxDesktops: posted("maxDesktops", () => optionalInt(formData, "maxDesktops")),
  };
  // The mapping form always maps to a project: saving it with none chosen must not clear the tenant's mapping.
  if (formData.has("vhiProject") && (!input.vhiDomain || !input.vhiProject)) {
    return invalid(formData, {
      ...(input.vhiDomain ? {} : { vhiDomain: "Domain is required." }),
      ...(input.vhiProject ? {} : { vhiProject: "Choose a project, or type its name or ID." }),
    });
  }
  const outcome = await mutate(UpdateTenantDocument, { id, input });
  if (!outcome.ok) {
    const state = failure(formData, outcome);
    const { vhiProject: projectError, ...otherErrors } = state.fieldErrors;
    // The API names vhiProject; when the reader typed the name into the free-text field, the message goes there.
    if (projectError && optionalText(formData, "vhiProjectOther")) {
      return { ...state, fieldErrors: { ...otherErrors, vhiProjectOther: projectError } };
    }
    return state;
  }
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
  const done = new URLSearchParams({ step: "done", admin: text(formData, "username"), email: text(formData, "email") });
  redirect(`/msp/tenants/${tenantId}/onboard?${done.toString()}`);
}

/** The finished wizard's optional mail to the first administrator, with the tenant's absolute sign-in URL. */
export async function sendTenantInvitationAction(_state: FormState, formData: FormData): Promise<FormState> {
  const errors = requireFields(formData, { email: "E-mail", username: "Username" });
  if (Object.keys(errors).length) return invalid(formData, errors);
  const outcome = await mutate(SendTenantInvitationDocument, {
    tenantId: text(formData, "tenantId"),
    input: {
      email: text(formData, "email"),
      username: text(formData, "username"),
      signInUrl: `${await portalBaseUrl()}/t/${text(formData, "slug")}`,
    },
  });
  if (!outcome.ok) return failure(formData, outcome);
  return success(`The invitation was sent to ${text(formData, "email")}.`);
}

const MAX_LOGO_BYTES = 200 * 1024;

/** The logo arrives as a file; the API gets it as a data: URL and checks its bytes again. */
export async function updateTenantLogoAction(_state: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, "id");
  let logo: string | null = null;
  if (formData.get("remove") !== "true") {
    const file = formData.get("logo");
    if (!(file instanceof File) || file.size === 0) return invalid(formData, { logo: "Choose a PNG file." });
    if (file.type !== "image/png") return invalid(formData, { logo: "The logo must be a PNG image." });
    if (file.size > MAX_LOGO_BYTES) return invalid(formData, { logo: "The logo must be at most 200 KB." });
    logo = `data:image/png;base64,${Buffer.from(await file.arrayBuffer()).toString("base64")}`;
  }
  const outcome = await mutate(UpdateTenantDocument, { id, input: { logo } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/msp/tenants/${id}`);
  return success(logo ? "The logo was saved." : "The logo was removed.");
}

/** The clouds the tenant may build pools on: every box ticked, so unticking one takes that cloud away. */
export async function setTenantCloudsAction(_state: FormState, formData: FormData): Promise<FormState> {
  const tenantId = text(formData, "tenantId");
  const cloudIds = formData.getAll("cloudIds").filter((value): value is string => typeof value === "string");
  const outcome = await mutate(SetTenantCloudsDocument, { input: { tenantId, cloudIds } });
  if (!outcome.ok) return failure(formData, outcome);
  revalidatePath(`/msp/tenants/${tenantId}`);
  return success("The tenant's clouds were saved.");
}

export async function deleteTenantAction(_state: FormState, formData: FormData): Promise<FormState> {
  const outcome = await mutate(DeleteTenantDocument, { id: text(formData, "id") });
  if (!outcome.ok) return failure(formData, outcome);
  redirect("/msp?deleted=1");
}
