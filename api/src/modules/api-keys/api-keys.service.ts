import type { ApiKey } from "@atrium/schema";
import { generateApiKey } from "../../auth/api-key-format.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { badInput } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";
import type { ApiKeyType, CreateApiKeyInput, CreatedApiKey } from "./api-keys.types.js";

const present = (key: ApiKey): ApiKeyType => ({ ...key, tenantBound: key.tenantId !== null });

/** Tenant keys live in the caller's tenant; MSP keys (null tenant) are reachable only through MSP operations. */
function keysOf(ctx: Ctx, mspWide: boolean) {
  return (mspWide ? ctx.db.msp() : ctx.db.requireTenant()).apiKeys;
}

export async function listApiKeys(ctx: Ctx, mspWide: boolean): Promise<ApiKeyType[]> {
  const keys = await keysOf(ctx, mspWide).find({ order: { createdAt: "DESC", id: "ASC" } });
  return keys.map(present);
}

export async function createApiKey(ctx: Ctx, input: CreateApiKeyInput, mspWide: boolean): Promise<CreatedApiKey> {
  const tenantId = keysOf(ctx, mspWide).tenantId;
  if (input.expiresAt && input.expiresAt <= ctx.services.clock())
    throw badInput("expiresAt must be in the future", "expiresAt");
  return withTransaction(ctx, async (tx) => {
    const generated = generateApiKey();
    const key = await keysOf(tx, mspWide).insert({
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

export async function revokeApiKey(ctx: Ctx, id: string, mspWide: boolean): Promise<ApiKeyType> {
  const tenantId = keysOf(ctx, mspWide).tenantId;
  return withTransaction(ctx, async (tx) => {
    const keys = keysOf(tx, mspWide);
    const key = await keys.getById(id);
    key.revokedAt ??= tx.services.clock();
    await keys.save(key);
    await recordAudit(tx, { action: "revokeApiKey", tenantId, targetType: "ApiKey", targetId: key.id, after: key });
    return present(key);
  });
}
