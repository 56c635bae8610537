import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Desktop } from "@atrium/schema";
import { type EntityManager, In } from "typeorm";
import { acrossTenants, type OneTenantDb } from "../../db/index.js";

const TOKEN = /^atd_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Creates (or replaces) the agent token of a desktop and returns it once, for the user-data of the server being
 * built. Only the SHA-256 is stored. The desktop id is part of the token so lookups use the tenant-first index.
 */
export async function issueDesktopAgentToken(db: OneTenantDb, desktopId: string) {
  const tokens = await issueDesktopAgentTokens(db, [desktopId]);
  return tokens.get(desktopId)!;
}

/**
 * The same for a batch of desktops of one tenant in two statements (the pool controller issues one per server it
 * creates); any earlier token of those desktops stops working. Returns desktop id → token.
 */
export async function issueDesktopAgentTokens(
  db: OneTenantDb,
  desktopIds: readonly string[],
): Promise<Map<string, string>> {
  const tokens = new Map(
    desktopIds.map((id) => [id, `atd_${id.toLowerCase()}_${randomBytes(32).toString("base64url")}`] as const),
  );
  if (tokens.size === 0) return tokens;
  await db.transaction(async (tx) => {
    const repository = tx.requireTenant().desktopAgentTokens;
    await repository.delete({ desktopId: In([...tokens.keys()]) });
    await repository.insertMany(
      [...tokens].map(([desktopId, token]) => ({ desktopId, tokenHash: hash(token), lastSeenAt: null })),
    );
  });
  return tokens;
}

/**
 * The desktop a presented token belongs to, or null; the comparison is constant-time. The token names its desktop
 * before anything says which tenant it is in: the desktop is found across tenants, its token inside its tenant.
 */
export async function authenticateAgent(manager: EntityManager, token: string | undefined): Promise<Desktop | null> {
  const match = token ? TOKEN.exec(token) : null;
  if (!match || !token) return null;
  const across = acrossTenants(
    manager,
    "an agent token names its desktop; the desktop row says the tenant",
    "desktop-agent",
  );
  const desktop = await across.desktops.findOne({ id: match[1]! });
  if (!desktop) return null;
  const stored = await across.forTenant(desktop.tenantId).desktopAgentTokens.findOne({ desktopId: desktop.id });
  if (!stored) return null;
  const presented = Buffer.from(hash(token), "hex");
  const expected = Buffer.from(stored.tokenHash, "hex");
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? desktop : null;
}
