import { type IdentitySettings, Tenant } from "@atrium/schema";
import { signInCtx } from "../../context/build-ctx.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { acrossTenants } from "../../db/index.js";
import { badInput, conflict } from "../../errors/app-error.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import { providerScope } from "./identity-providers.service.js";
import type { UpdateIdentitySettingsInput } from "./identity-providers.types.js";
import { shortenRunningLocks } from "./login-locks.service.js";

export type EffectiveIdentitySettings = Omit<IdentitySettings, "id" | "tenantId" | "createdAt" | "updatedAt">;

/** What a tenant without a settings row gets. */
export const DEFAULT_IDENTITY_SETTINGS: Readonly<EffectiveIdentitySettings> = {
  loginHostname: null,
  mfaRequired: false,
  mfaRadiusProviderId: null,
  userFailureLimit: 5,
  ipFailureLimit: 20,
  failureWindowSeconds: 900,
  lockoutSeconds: 900,
};

export async function settingsFor(ctx: Ctx, tenantId: string | null): Promise<EffectiveIdentitySettings> {
  const row = await signInCtx(ctx, tenantId).db.identitySettings.findOne({});
  if (!row) return { ...DEFAULT_IDENTITY_SETTINGS };
  const { id: _id, tenantId: _tenant, createdAt: _c, updatedAt: _u, ...settings } = row;
  return settings;
}

/** A login host name is unique across tenants: it is what names the tenant when a sign-in gives no slug. */
const loginHosts = (ctx: Ctx) => acrossTenants(ctx.manager, "login host names name one tenant across all", ctx);

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export async function updateSettings(ctx: Ctx, input: UpdateIdentitySettingsInput) {
  const tenantId = providerScope(ctx);
  const fields = providedFields(input);
  if (fields.loginHostname !== undefined && fields.loginHostname !== null) {
    fields.loginHostname = fields.loginHostname.trim().toLowerCase() || null;
    if (fields.loginHostname && !HOSTNAME.test(fields.loginHostname)) {
      throw badInput("loginHostname must be a DNS host name", "loginHostname");
    }
  }
  return withTransaction(ctx, async (tx) => {
    if (fields.mfaRadiusProviderId) {
      const radius = (await tx.db.identityProviders.findByIds([fields.mfaRadiusProviderId])).find(
        (provider) => provider.kind === "radius",
      );
      if (!radius) throw badInput("mfaRadiusProviderId must name one of your RADIUS providers", "mfaRadiusProviderId");
    }
    if (fields.loginHostname) {
      const taken = await loginHosts(tx).identitySettings.findOne({ loginHostname: fields.loginHostname });
      if (taken && taken.tenantId !== tenantId) throw conflict("This login host name is already in use");
    }
    const current = await tx.db.identitySettings.findOne({});
    const before = current ? { ...current } : null;
    if (fields.lockoutSeconds !== undefined && fields.lockoutSeconds !== null) {
      const oldSeconds = current?.lockoutSeconds ?? DEFAULT_IDENTITY_SETTINGS.lockoutSeconds;
      await shortenRunningLocks(tx, tenantId, oldSeconds, fields.lockoutSeconds);
    }
    const saved = current
      ? await tx.db.identitySettings.save(Object.assign(current, fields))
      : await tx.db.identitySettings.insert({ ...DEFAULT_IDENTITY_SETTINGS, ...fields });
    await recordAudit(tx, {
      action: "updateIdentitySettings",
      targetType: "IdentitySettings",
      targetId: saved.id,
      before,
      after: saved,
    });
    return saved;
  });
}

export type TenantChoice = { found: true; tenantId: string | null; slug: string | null } | { found: false };

/**
 * Which tenant a sign-in is for: the slug when given, otherwise the login host name, otherwise the MSP staff.
 * An unknown or suspended slug is "not found": the caller fails the attempt without saying why.
 */
export async function resolveSignInTenant(
  ctx: Ctx,
  slug: string | null | undefined,
  hostname: string | null | undefined,
): Promise<TenantChoice> {
  const tenants = ctx.manager.getRepository(Tenant);
  if (slug) {
    const tenant = await tenants.findOneBy({ slug: slug.toLowerCase(), status: "active" });
    return tenant ? { found: true, tenantId: tenant.id, slug: tenant.slug } : { found: false };
  }
  const host = hostname?.toLowerCase().replace(/:\d+$/, "");
  if (host) {
    const settings = await loginHosts(ctx).identitySettings.findOne({ loginHostname: host });
    if (settings?.tenantId) {
      const tenant = await tenants.findOneBy({ id: settings.tenantId, status: "active" });
      return tenant ? { found: true, tenantId: tenant.id, slug: tenant.slug } : { found: false };
    }
  }
  return { found: true, tenantId: null, slug: null };
}
