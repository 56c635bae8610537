import { AlertRule, AlertState } from "@atrium/schema";
import { type EntityManager, IsNull, MoreThanOrEqual } from "typeorm";
import { isUniqueViolation } from "../../db/dialect.js";
import type { JobLogger } from "../../jobs/job-definition.js";
import type { SecretBox } from "../../security/secret-box.js";
import { sendMail } from "../mail/mail-transport.js";
import { evaluateCondition, type Firing } from "./alert-conditions.js";

export interface AlertDeps {
  manager: EntityManager;
  secretBox: SecretBox;
  logger: JobLogger;
  now: Date;
}

const HOUR_MS = 3_600_000;

/** Opens an alert per new firing subject and resolves open ones whose condition cleared. */
async function reconcileStates(deps: AlertDeps, rule: AlertRule, firing: Firing[]): Promise<void> {
  const states = deps.manager.getRepository(AlertState);
  const open = await states.findBy({ ruleId: rule.id, status: "open" });
  const openSubjects = new Set(open.map((state) => state.subject));
  const firingSubjects = new Set(firing.map((fire) => fire.subject));
  for (const fire of firing) {
    if (openSubjects.has(fire.subject)) continue;
    try {
      await states.insert({
        tenantId: rule.tenantId,
        ruleId: rule.id,
        subject: fire.subject,
        subjectLabel: fire.label.slice(0, 255),
        status: "open",
        message: fire.message.slice(0, 1000),
        openedAt: deps.now,
      });
    } catch (error) {
      // Another evaluator opened it first: one open alert per rule and subject is the point.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  for (const state of open) {
    if (firingSubjects.has(state.subject)) continue;
    await states.update({ id: state.id, status: "open" }, { status: "resolved", resolvedAt: deps.now });
  }
}

/**
 * Claims one notification by stamping it only if nobody has: of two evaluators racing, exactly one sends. If the
 * send fails the stamp is removed again, so the next evaluation retries.
 */
async function notifyOnce(
  deps: AlertDeps,
  rule: AlertRule,
  state: AlertState,
  column: "openedNotifiedAt" | "resolvedNotifiedAt",
): Promise<boolean> {
  const states = deps.manager.getRepository(AlertState);
  const claimed = await states.update({ id: state.id, [column]: IsNull() }, { [column]: deps.now });
  if (!claimed.affected) return false;
  const resolved = column === "resolvedNotifiedAt";
  try {
    await sendMail(deps.manager, deps.secretBox, rule.tenantId, {
      to: rule.recipients,
      subject: `${resolved ? "[Resolved]" : "[Alert]"} ${rule.name}: ${state.subjectLabel}`,
      text: resolved
        ? `Resolved at ${deps.now.toISOString()}: ${state.message}\n\nThe condition of alert rule "${rule.name}" no longer holds.`
        : `${state.message}\n\nRaised at ${state.openedAt.toISOString()} by alert rule "${rule.name}" (${rule.kind}).`,
      messageId: `<alert-${state.id}-${resolved ? "resolved" : "opened"}@atrium>`,
    });
    return true;
  } catch (error) {
    await states.update({ id: state.id }, { [column]: null });
    deps.logger.warn(
      { ruleId: rule.id, err: error instanceof Error ? error.message : String(error) },
      "alert mail failed",
    );
    return false;
  }
}

/** Mails new and resolved alerts of the rule, at most `maxEmailsPerHour` in any hour; the rest wait their turn. */
async function notify(deps: AlertDeps, rule: AlertRule): Promise<number> {
  const states = deps.manager.getRepository(AlertState);
  const since = new Date(deps.now.getTime() - HOUR_MS);
  const sentLastHour =
    (await states.countBy({ ruleId: rule.id, openedNotifiedAt: MoreThanOrEqual(since) })) +
    (await states.countBy({ ruleId: rule.id, resolvedNotifiedAt: MoreThanOrEqual(since) }));
  let budget = rule.maxEmailsPerHour - sentLastHour;
  let sent = 0;
  const unannounced = await states.find({
    where: { ruleId: rule.id, openedNotifiedAt: IsNull() },
    order: { openedAt: "ASC" },
  });
  for (const state of unannounced) {
    // Opened and cleared between two mails: nobody needs to hear about it twice, or at all.
    if (state.status === "resolved") {
      await states.update({ id: state.id }, { openedNotifiedAt: deps.now, resolvedNotifiedAt: deps.now });
      continue;
    }
    if (budget <= 0) break;
    if (await notifyOnce(deps, rule, state, "openedNotifiedAt")) {
      budget--;
      sent++;
    }
  }
  const cleared = await states.find({ where: { ruleId: rule.id, status: "resolved", resolvedNotifiedAt: IsNull() } });
  for (const state of cleared) {
    if (budget <= 0) break;
    if (await notifyOnce(deps, rule, state, "resolvedNotifiedAt")) {
      budget--;
      sent++;
    }
  }
  return sent;
}

/** One evaluation of every enabled rule; a broken rule is logged and the others still run. */
export async function evaluateAlerts(deps: AlertDeps): Promise<{ rules: number; mailed: number }> {
  const rules = await deps.manager.getRepository(AlertRule).findBy({ enabled: true });
  let mailed = 0;
  for (const rule of rules) {
    try {
      await reconcileStates(deps, rule, await evaluateCondition(deps.manager, rule, deps.now));
      mailed += await notify(deps, rule);
    } catch (error) {
      deps.logger.error(
        { ruleId: rule.id, err: error instanceof Error ? error.message : String(error) },
        "alert rule failed",
      );
    }
  }
  return { rules: rules.length, mailed };
}
