import { signInCtx } from "../../context/build-ctx.js";
import type { Ctx } from "../../context/ctx.js";
import { recordAudit } from "../../tenancy/audit.js";
import { absoluteHttpUrl, sendInvitationMail } from "../mail/invitation-mail.js";
import { findTenant } from "./tenants.service.js";
import type { TenantInvitationInput } from "./tenants.types.js";

/**
 * The last step of onboarding: tells the tenant's first administrator, under the tenant's own name, where to sign in
 * and with which user name. It goes through the tenant's mail server if it has one (else the MSP's); the password is
 * handed over another way, never by mail.
 */
export async function sendTenantInvitation(ctx: Ctx, tenantId: string, input: TenantInvitationInput) {
  const tenant = await findTenant(ctx, tenantId);
  const url = absoluteHttpUrl(input.signInUrl, "signInUrl");
  const text = [
    "Hello,",
    "",
    `You are the administrator of ${tenant.name} on Atrium, where your people get their virtual desktops.`,
    "",
    `Sign in at: ${url}`,
    `User name: ${input.username}`,
    "",
    "Your password is handed over separately. From the console you add users, connect your directory and offer desktops.",
  ].join("\n");
  const tenantCtx = signInCtx(ctx, tenant.id);
  await sendInvitationMail(tenantCtx, { to: [input.email], subject: `Welcome to ${tenant.name} on Atrium`, text });
  await recordAudit(ctx, {
    action: "sendTenantInvitation",
    tenantId: tenant.id,
    targetType: "Tenant",
    targetId: tenant.id,
    after: { email: input.email, username: input.username, signInUrl: url },
  });
  return tenant;
}
