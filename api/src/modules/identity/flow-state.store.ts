import { randomBytes } from "node:crypto";
import type { AuthFlowKind, AuthFlowState } from "@atrium/schema";
import { type EntityManager, IsNull, LessThan } from "typeorm";
import { sha256 } from "../../auth/token.service.js";
import { signInCtx } from "../../context/build-ctx.js";
import type { Ctx } from "../../context/ctx.js";
import { acrossTenants } from "../../db/index.js";

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

/**
 * A state is stored in the tenant of the sign-in it belongs to. Before that sign-in is known again (a browser
 * presents a ticket, a challenge token, a SAML response) its one-time key is what names the state, in any tenant.
 */
const flowStatesOf = (ctx: Ctx, tenantId: string | null) => signInCtx(ctx, tenantId).db.authFlowStates;
const byKey = (ctx: Ctx) =>
  acrossTenants(ctx.manager, "sign-in flow: a one-time key names its state in any tenant", ctx).authFlowStates;

export function newFlowKey(): string {
  return randomBytes(32).toString("base64url");
}

/** Stores a flow state and returns its key (shown to the client once; only its hash is stored). */
export async function createFlowState(ctx: Ctx, state: NewFlowState): Promise<string> {
  const key = state.key ?? newFlowKey();
  const now = ctx.services.clock();
  await flowStatesOf(ctx, state.tenantId).insert({
    kind: state.kind,
    keyHash: hashKey(state.kind, key),
    userId: state.userId ?? null,
    providerId: state.providerId ?? null,
    data: state.data ?? null,
    attempts: 0,
    expiresAt: new Date(now.getTime() + state.ttlSeconds * 1000),
    consumedAt: null,
  });
  return key;
}

/** The live (unexpired, unconsumed) state for a key, or null. */
export async function findFlowState(ctx: Ctx, kind: AuthFlowKind, key: string) {
  const row = await byKey(ctx).findOne({ keyHash: hashKey(kind, key), kind, consumedAt: IsNull() });
  if (!row || row.expiresAt <= ctx.services.clock()) return null;
  return row;
}

/**
 * Marks a state used. The conditional update is the single-use guarantee: of two concurrent redemptions only
 * one sees an affected row.
 */
export async function consumeFlowState(ctx: Ctx, row: AuthFlowState): Promise<boolean> {
  const consumed = await flowStatesOf(ctx, row.tenantId).updateWhere(
    { id: row.id, consumedAt: IsNull() },
    { consumedAt: ctx.services.clock() },
  );
  return consumed === 1;
}

export async function updateFlowState(
  ctx: Ctx,
  row: AuthFlowState,
  patch: Partial<Pick<AuthFlowState, "data" | "attempts">>,
): Promise<void> {
  // save(), not update(): simple-json columns are serialised by the entity path only.
  await flowStatesOf(ctx, row.tenantId).save(Object.assign(row, patch));
}

/** Whether a caller-chosen key was ever recorded (consumed or not, until it expires): replay detection. */
export async function flowKeyExists(ctx: Ctx, kind: AuthFlowKind, key: string): Promise<boolean> {
  return (await byKey(ctx).count({ keyHash: hashKey(kind, key), kind })) > 0;
}

/** Deletes sign-in flow states (challenges, tickets, replay keys) past their expiry; run hourly by the workers. */
export async function purgeExpiredFlowStates(manager: EntityManager, now: Date): Promise<number> {
  const expired = acrossTenants(manager, "expired sign-in flow states are purged for every tenant", "flow-state-purge");
  return expired.authFlowStates.delete({ expiresAt: LessThan(now) });
}
