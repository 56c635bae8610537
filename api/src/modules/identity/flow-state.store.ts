import { randomBytes } from "node:crypto";
import { type AuthFlowKind, AuthFlowState } from "@atrium/schema";
import { type EntityManager, IsNull, LessThan } from "typeorm";
import { sha256 } from "../../auth/token.service.js";
import type { RequestContext } from "../../context/request-context.js";

export interface NewFlowState {
  kind: AuthFlowKind;
  tenantId: string | null;
  userId?: string | null;
  providerId?: string | null;
  data?: Record<string, unknown> | null;
  ttlSeconds: number;
  /** A caller-chosen key (SAML request id, assertion id); a random one is generated when absent. */
  key?: string;
}

/** Keys are namespaced by kind so a ticket can never be presented as, say, an MFA challenge. */
function hashKey(kind: AuthFlowKind, key: string): string {
  return sha256(`${kind}:${key}`);
}

export function newFlowKey(): string {
  return randomBytes(32).toString("base64url");
}

/** Stores a flow state and returns its key (shown to the client once; only its hash is stored). */
export async function createFlowState(ctx: RequestContext, state: NewFlowState): Promise<string> {
  const key = state.key ?? newFlowKey();
  const now = ctx.services.clock();
  const repository = ctx.manager.getRepository(AuthFlowState);
  await repository.save(
    repository.create({
      kind: state.kind,
      tenantId: state.tenantId,
      keyHash: hashKey(state.kind, key),
      userId: state.userId ?? null,
      providerId: state.providerId ?? null,
      data: state.data ?? null,
      attempts: 0,
      expiresAt: new Date(now.getTime() + state.ttlSeconds * 1000),
      consumedAt: null,
    }),
  );
  return key;
}

/** The live (unexpired, unconsumed) state for a key, or null. */
export async function findFlowState(ctx: RequestContext, kind: AuthFlowKind, key: string) {
  const row = await ctx.manager
    .getRepository(AuthFlowState)
    .findOneBy({ keyHash: hashKey(kind, key), kind, consumedAt: IsNull() });
  if (!row || row.expiresAt <= ctx.services.clock()) return null;
  return row;
}

/**
 * Marks a state used. The conditional update is the single-use guarantee: of two concurrent redemptions only
 * one sees an affected row.
 */
export async function consumeFlowState(ctx: RequestContext, row: AuthFlowState): Promise<boolean> {
  const result = await ctx.manager
    .getRepository(AuthFlowState)
    .update({ id: row.id, consumedAt: IsNull() }, { consumedAt: ctx.services.clock() });
  return (result.affected ?? 0) === 1;
}

export async function updateFlowState(
  ctx: RequestContext,
  row: AuthFlowState,
  patch: Partial<Pick<AuthFlowState, "data" | "attempts">>,
): Promise<void> {
  const repository = ctx.manager.getRepository(AuthFlowState);
  // save(), not update(): simple-json columns are serialised by the entity path only.
  await repository.save(repository.merge(row, patch));
}

/** Whether a caller-chosen key was ever recorded (consumed or not, until it expires): replay detection. */
export async function flowKeyExists(ctx: RequestContext, kind: AuthFlowKind, key: string): Promise<boolean> {
  return (await ctx.manager.getRepository(AuthFlowState).countBy({ keyHash: hashKey(kind, key), kind })) > 0;
}

/** Deletes sign-in flow states (challenges, tickets, replay keys) past their expiry; run hourly by the workers. */
export async function purgeExpiredFlowStates(manager: EntityManager, now: Date): Promise<number> {
  const result = await manager.getRepository(AuthFlowState).delete({ expiresAt: LessThan(now) });
  return result.affected ?? 0;
}
