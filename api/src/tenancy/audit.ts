import { AuditEvent } from "@atrium/schema";
import { actorName, effectiveTenantId } from "../auth/principal.js";
import type { RequestContext } from "../context/request-context.js";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Overrides the context's tenant (e.g. an MSP creating a tenant records it under the new tenant). */
  tenantId?: string | null;
}

const SECRET_KEYS = /password|secret|token|hash|_enc$|Enc$/i;

function redact(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, SECRET_KEYS.test(key) ? "[redacted]" : field]),
  );
}

/** Written with the caller's manager so the audit row commits or rolls back with the change it describes. */
export async function recordAudit(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const principal = ctx.principal;
  const events = ctx.manager.getRepository(AuditEvent);
  await events.save(
    events.create({
      tenantId: entry.tenantId === undefined ? effectiveTenantId(principal) : entry.tenantId,
      actorType: principal.kind === "anonymous" ? "system" : principal.kind,
      actorId: principal.kind === "user" ? principal.userId : principal.kind === "api_key" ? principal.apiKeyId : null,
      actorName: actorName(principal),
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      requestId: ctx.requestId,
      before: redact(entry.before),
      after: redact(entry.after),
    }),
  );
}
