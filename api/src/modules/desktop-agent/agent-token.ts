import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { Desktop, DesktopAgentToken } from "@atrium/schema";
import { type EntityManager, In } from "typeorm";

const TOKEN = /^atd_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Creates (or replaces) the agent token of a desktop and returns it once, for the user-data of the server being
 * built. Only the SHA-256 is stored. The desktop id is part of the token so lookups use the tenant-first index.
 */
export async function issueDesktopAgentToken(manager: EntityManager, tenantId: string, desktopId: string) {
  const tokens = await issueDesktopAgentTokens(manager, tenantId, [desktopId]);
  return tokens.get(desktopId)!;
}

/**
 * The same for a batch of desktops of one tenant in two statements (the pool controller issues one per server it
 * creates); any earlier token of those desktops stops working. Returns desktop id → token.
 */
export async function issueDesktopAgentTokens(
  manager: EntityManager,
  tenantId: string,
  desktopIds: readonly string[],
): Promise<Map<string, string>> {
  const tokens = new Map(
    desktopIds.map((id) => [id, `atd_${id.toLowerCase()}_${randomBytes(32).toString("base64url")}`] as const),
  );
  if (tokens.size === 0) return tokens;
  await manager.transaction(async (tx) => {
    const repository = tx.getRepository(DesktopAgentToken);
    await repository.delete({ tenantId, desktopId: In([...tokens.keys()]) });
    await repository.insert(
      [...tokens].map(([desktopId, token]) => ({ tenantId, desktopId, tokenHash: hash(token), lastSeenAt: null })),
    );
  });
  return tokens;
}

/** The desktop a presented token belongs to, or null; the comparison is constant-time. */
export async function authenticateAgent(manager: EntityManager, token: string | undefined): Promise<Desktop | null> {
  const match = token ? TOKEN.exec(token) : null;
  if (!match || !token) return null;
  const desktop = await manager.getRepository(Desktop).findOne({ where: { id: match[1]! } });
  if (!desktop) return null;
  const stored = await manager
    .getRepository(DesktopAgentToken)
    .findOne({ where: { tenantId: desktop.tenantId, desktopId: desktop.id } });
  if (!stored) return null;
  const presented = Buffer.from(hash(token), "hex");
  const expected = Buffer.from(stored.tokenHash, "hex");
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? desktop : null;
}
