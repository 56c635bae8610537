import type { ActorType } from "@atrium/schema";
import type { MiddlewareFn } from "type-graphql";
import { actorName } from "../auth/principal.js";
import type { Ctx } from "../context/ctx.js";
import { acrossTenants } from "../db/index.js";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Overrides the context's tenant (e.g. an MSP creating a tenant records it under the new tenant). */
  tenantId?: string | null;
  /** Overrides who acted: a sign-in is the user's act, though no principal exists yet while it runs. */
  actor?: AuditActor;
}

export interface AuditActor {
  type: ActorType;
  id: string | null;
  name: string;
}

/**
 * Who the audit log names for this unit of work: the user (MSP staff as their own kind when they act inside a
 * tenant, so a tenant's admin tells them from the tenant's own people), the API key, or the system job, controller or agent acting on its own. "anonymous" is left only for a
 * caller that proved nothing (an unauthenticated request that still changed something).
 */
export function auditActor(ctx: Ctx, tenantId: string | null): AuditActor {
  if (ctx.actor.kind === "system") {
    return { type: ctx.actor.name === "desktop-agent" ? "agent" : "system", id: null, name: ctx.actor.name };
  }
  const principal = ctx.principal;
  if (principal.kind === "user") {
    const mspInTenant = principal.homeTenantId === null && tenantId !== null;
    return { type: mspInTenant ? "msp_staff" : "user", id: principal.userId, name: principal.username };
  }
  if (principal.kind === "api_key") return { type: "api_key", id: principal.apiKeyId, name: actorName(principal) };
  return { type: "system", id: null, name: actorName(principal) };
}

const SECRET_KEYS = /password|passphrase|secret|token|hash|credential|private_?key|_enc$|Enc$/i;
/** Deeper than any input or entity we record; past it a value is dropped rather than walked. */
const MAX_DEPTH = 12;

function redactValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      SECRET_KEYS.test(key) ? "[redacted]" : redactValue(field, depth + 1),
    ]),
  );
}

/**
 * A copy fit for the audit log: every field whose name says it holds a secret is replaced, at any depth, in
 * objects and in arrays (an identity provider's settings nest their bind password; a list of RADIUS servers each
 * has a shared secret).
 */
export function redactSecrets(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return redactValue(value, 0) as Record<string, unknown>;
}

/** Written with the caller's manager so the audit row commits or rolls back with the change it describes. */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  ctx.auditTrail.recorded++;
  // An entry about another owner (an MSP creating a tenant records it under the new tenant) is that owner's row.
  const ownRow = entry.tenantId === undefined || entry.tenantId === ctx.db.tenantId;
  const events = ownRow
    ? ctx.db.auditEvents
    : acrossTenants(ctx.manager, "audit row recorded under the tenant it is about", ctx).forTenant(
        entry.tenantId ?? null,
      ).auditEvents;
  const actor = entry.actor ?? auditActor(ctx, ownRow ? ctx.db.tenantId : (entry.tenantId ?? null));
  await events.insert({
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name.slice(0, 255),
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    requestId: ctx.requestId,
    before: redactSecrets(entry.before),
    after: redactSecrets(entry.after),
  });
}

/**
 * Every mutation leaves an audit event: services record a precise one (with before/after); a mutation that did not
 * gets a generic one here, with its (redacted) arguments, so a forgotten call can never leave a change unaudited.
 */
export const auditEveryMutation: MiddlewareFn<Ctx> = async ({ context, info, args }, next) => {
  if (info.parentType.name !== "Mutation") return next();
  const before = context.auditTrail.recorded;
  const result = await next();
  if (context.auditTrail.recorded === before) {
    await recordAudit(context, { action: info.fieldName, after: flattenArgs(args) });
  }
  return result;
};

function flattenArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).flatMap(([key, value]) =>
      value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
        ? Object.entries(value as Record<string, unknown>)
        : [[key, value]],
    ),
  );
}
