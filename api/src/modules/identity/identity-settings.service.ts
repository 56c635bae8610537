import { IdentityProvider, IdentitySettings, Tenant } from "@atrium/schema";
import { IsNull } from "typeorm";
import { type RequestContext, withTransaction } from "../../context/request-context.js";
import { badInput, conflict } from "../../errors/app-error.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import { isUuid } from "../../tenancy/tenant-scope.js";
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

export async function settingsFor(ctx: RequestContext, tenantId: string | null): Promise<EffectiveIdentitySettings> {
  const row = await ctx.manager.getRepository(IdentitySettings).findOneBy({ tenantId: tenantId ?? IsNull() });
  if (!row) return { ...DEFAULT_IDENTITY_SETTINGS };
  const { id: _id, tenantId: _tenant, createdAt: _c, updatedAt: _u, ...settings } = row;
  return settings;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export async function updateSettings(ctx: RequestContext, input: UpdateIdentitySettingsInput) {
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
      const radius = isUuid(fields.mfaRadiusProviderId)
        ? await tx.manager
            .getRepository(IdentityProvider)
            .findOneBy({ id: fields.mfaRadiusProviderId, kind: "radius", tenantId: tenantId ?? IsNull() })
        : null;
      if (!radius) throw badInput("mfaRadiusProviderId must name one of your RADIUS providers", "mfaRadiusProviderId");
    }
    if (fields.loginHostname) {
      const taken = await tx.manager.getRepository(IdentitySettings).findOneBy({ loginHostname: fields.loginHostname });
      if (taken && taken.tenantId !== tenantId) throw conflict("This login host name is already in use");
    }
    const repository = tx.manager.getRepository(IdentitySettings);
    const current = await repository.findOneBy({ tenantId: tenantId ?? IsNull() });
    const before = current ? { ...current } : null;
    if (fields.lockoutSeconds !== undefined && fields.lockoutSeconds !== null) {
      const oldSeconds = current?.lockoutSeconds ?? DEFAULT_IDENTITY_SETTINGS.lockoutSeconds;
      await shortenRunningLocks(tx, tenantId, oldSeconds, fields.lockoutSeconds);
    }
    const saved = await repository.save(
      repository.merge(current ?? repository.create({ tenantId, ...DEFAULT_IDENTITY_SETTINGS }), fields),
    );
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
  ctx: RequestContext,
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
    const settings = await ctx.manager.getRepository(IdentitySettings).findOneBy({ loginHostname: host });
    if (settings?.tenantId) {
      const tenant = await tenants.findOneBy({ id: settings.tenantId, status: "active" });
      return tenant ? { found: true, tenantId: tenant.id, slug: tenant.slug } : { found: false };
    }
  }
  return { found: true, tenantId: null, slug: null };
}
