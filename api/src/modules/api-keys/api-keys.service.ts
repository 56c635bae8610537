import { ApiKey } from "@atrium/schema";
import { IsNull } from "typeorm";
import { generateApiKey } from "../../auth/api-key-format.js";
import { type RequestContext, withTransaction } from "../../context/request-context.js";
import { badInput, notFound } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";
import { isUuid, requireTenantId } from "../../tenancy/tenant-scope.js";
import type { ApiKeyType, CreateApiKeyInput, CreatedApiKey } from "./api-keys.types.js";

/** Tenant keys live in the caller's tenant; MSP keys (null tenant) are reachable only through MSP operations. */
type Owner = { tenantId: string | null };

const present = (key: ApiKey): ApiKeyType => ({ ...key, tenantBound: key.tenantId !== null });

function ownerOf(ctx: RequestContext, mspWide: boolean): Owner {
  return { tenantId: mspWide ? null : requireTenantId(ctx) };
}

export async function listApiKeys(ctx: RequestContext, mspWide: boolean): Promise<ApiKeyType[]> {
  const { tenantId } = ownerOf(ctx, mspWide);
  const keys = await ctx.manager.getRepository(ApiKey).find({
    where: { tenantId: tenantId ?? IsNull() },
    order: { createdAt: "DESC", id: "ASC" },
  });
  return keys.map(present);
}

export async function createApiKey(
  ctx: RequestContext,
  input: CreateApiKeyInput,
  mspWide: boolean,
): Promise<CreatedApiKey> {
  const { tenantId } = ownerOf(ctx, mspWide);
  if (input.expiresAt && input.expiresAt <= ctx.services.clock())
    throw badInput("expiresAt must be in the future", "expiresAt");
  return withTransaction(ctx, async (tx) => {
    const generated = generateApiKey();
    const key = await tx.manager.getRepository(ApiKey).save({
      tenantId,
      name: input.name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes: [...new Set(input.scopes)].sort(),
      createdBy: tx.principal.kind === "user" ? tx.principal.userId : null,
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
    });
    await recordAudit(tx, { action: "createApiKey", tenantId, targetType: "ApiKey", targetId: key.id, after: key });
    return { apiKey: present(key), secret: generated.key };
  });
}

export async function revokeApiKey(ctx: RequestContext, id: string, mspWide: boolean): Promise<ApiKeyType> {
  const { tenantId } = ownerOf(ctx, mspWide);
  return withTransaction(ctx, async (tx) => {
    const keys = tx.manager.getRepository(ApiKey);
    const key = isUuid(id) ? await keys.findOneBy({ id, tenantId: tenantId ?? IsNull() }) : null;
    if (!key) throw notFound("API key");
    key.revokedAt ??= tx.services.clock();
    await keys.save(key);
    await recordAudit(tx, { action: "revokeApiKey", tenantId, targetType: "ApiKey", targetId: key.id, after: key });
    return present(key);
  });
}
