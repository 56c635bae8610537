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
  const principal = ctx.principal;
  // An entry about another owner (an MSP creating a tenant records it under the new tenant) is that owner's row.
  const events =
    entry.tenantId === undefined || entry.tenantId === ctx.db.tenantId
      ? ctx.db.auditEvents
      : acrossTenants(ctx.manager, "audit row recorded under the tenant it is about", ctx).forTenant(entry.tenantId)
          .auditEvents;
  await events.insert({
    actorType: principal.kind === "anonymous" ? "system" : principal.kind,
    actorId: principal.kind === "user" ? principal.userId : principal.kind === "api_key" ? principal.apiKeyId : null,
    actorName: actorName(principal),
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
