import type { AlertKind } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { badInput } from "../../errors/app-error.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import type { CreateAlertRuleInput, UpdateAlertRuleInput } from "./alert-rules.types.js";

/** A tenant's own rules, or the MSP's (tenant null) for MSP staff outside a tenant: the context's door. */
const rules = (ctx: Ctx) => ctx.db.alertRules;

/** Which kinds need a threshold (and its range) or a window; the rest must not carry one that would be ignored. */
function checkParameters(kind: AlertKind, threshold: number | null, windowMinutes: number | null): void {
  const needsThreshold = kind === "POOL_AVAILABLE_BELOW" || kind === "QUOTA_ABOVE" || kind === "FAILED_LOGIN_SPIKE";
  if (needsThreshold && threshold === null) throw badInput(`${kind} needs a threshold`, "threshold");
  if (!needsThreshold && threshold !== null) throw badInput(`${kind} takes no threshold`, "threshold");
  if (kind === "QUOTA_ABOVE" && threshold !== null && (threshold < 1 || threshold > 100)) {
    throw badInput("QUOTA_ABOVE takes a percentage from 1 to 100", "threshold");
  }
  if (kind === "FAILED_LOGIN_SPIKE" && threshold !== null && threshold < 1) {
    throw badInput("FAILED_LOGIN_SPIKE needs at least one failure", "threshold");
  }
  if (kind === "FAILED_LOGIN_SPIKE" && windowMinutes === null) {
    throw badInput("FAILED_LOGIN_SPIKE needs windowMinutes", "windowMinutes");
  }
  if (kind !== "FAILED_LOGIN_SPIKE" && windowMinutes !== null) {
    throw badInput(`${kind} takes no windowMinutes`, "windowMinutes");
  }
}

const normalised = (recipients: string[]) => [...new Set(recipients.map((address) => address.trim().toLowerCase()))];

export function listAlertRules(ctx: Ctx) {
  return rules(ctx).find({ order: { name: "ASC" } });
}

export async function createAlertRule(ctx: Ctx, input: CreateAlertRuleInput) {
  const threshold = input.threshold ?? null;
  const windowMinutes = input.windowMinutes ?? null;
  checkParameters(input.kind, threshold, windowMinutes);
  return withTransaction(ctx, async (tx) => {
    const saved = await rules(tx).insert({
      ...input,
      threshold,
      windowMinutes,
      recipients: normalised(input.recipients),
    });
    await recordAudit(tx, { action: "createAlertRule", targetType: "AlertRule", targetId: saved.id, after: saved });
    return saved;
  });
}

export async function updateAlertRule(ctx: Ctx, id: string, input: UpdateAlertRuleInput) {
  const fields = providedFields(input);
  return withTransaction(ctx, async (tx) => {
    const scope = rules(tx);
    const current = await scope.getById(id);
    const before = { ...current };
    checkParameters(
      current.kind,
      fields.threshold === undefined ? current.threshold : fields.threshold,
      fields.windowMinutes === undefined ? current.windowMinutes : fields.windowMinutes,
    );
    const saved = await scope.update(id, {
      ...fields,
      ...(fields.recipients ? { recipients: normalised(fields.recipients) } : {}),
    });
    await recordAudit(tx, { action: "updateAlertRule", targetType: "AlertRule", targetId: id, before, after: saved });
    return saved;
  });
}

export async function deleteAlertRule(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const removed = await rules(tx).remove(id);
    await tx.db.alertStates.delete({ ruleId: removed.id });
    await recordAudit(tx, { action: "deleteAlertRule", targetType: "AlertRule", targetId: id, before: removed });
    return removed;
  });
}

/** Alerts of the caller's rules, newest first; open ones only unless asked. */
export async function listAlerts(ctx: Ctx, openOnly: boolean) {
  const query = ctx.db.alertStates.query("alert").orderBy("alert.openedAt", "DESC").limit(200);
  if (openOnly) query.andWhere("alert.status = 'open'");
  return query.getMany();
}
