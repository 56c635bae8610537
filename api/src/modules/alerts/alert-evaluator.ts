import type { AlertRule, AlertState } from "@atrium/schema";
import { IsNull, MoreThanOrEqual } from "typeorm";
import { portalPublicUrlOf } from "../../config/env.js";
import { type Ctx, inTenant } from "../../context/ctx.js";
import { acrossTenants, isUniqueViolation } from "../../db/index.js";
import { sendMail } from "../mail/mail-transport.js";
import { evaluateCondition, type Firing } from "./alert-conditions.js";

/** One evaluation's context, acting for the rule's owner (its tenant, or the MSP), at one instant. */
interface RuleRun {
  ctx: Ctx;
  now: Date;
}

const HOUR_MS = 3_600_000;

/** Opens an alert per new firing subject and resolves open ones whose condition cleared. */
async function reconcileStates(deps: RuleRun, rule: AlertRule, firing: Firing[]): Promise<void> {
  const states = deps.ctx.db.alertStates;
  const open = await states.findBy({ ruleId: rule.id, status: "open" });
  const openSubjects = new Set(open.map((state) => state.subject));
  const firingSubjects = new Set(firing.map((fire) => fire.subject));
  for (const fire of firing) {
    if (openSubjects.has(fire.subject)) continue;
    try {
      await states.insertMany([
        {
          ruleId: rule.id,
          subject: fire.subject,
          subjectLabel: fire.label.slice(0, 255),
          status: "open",
          message: fire.message.slice(0, 1000),
          openedAt: deps.now,
        },
      ]);
    } catch (error) {
      // Another evaluator opened it first: one open alert per rule and subject is the point.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  for (const state of open) {
    if (firingSubjects.has(state.subject)) continue;
    await states.updateWhere({ id: state.id, status: "open" }, { status: "resolved", resolvedAt: deps.now });
  }
}

/** Where the rule's owner sees its alerts, on the portal's public address (never a request's host); none unset. */
function consoleLink(ctx: Ctx, rule: AlertRule): string {
  const portal = portalPublicUrlOf(ctx.services.config);
  if (!portal) return "";
  return `\n\nOpen the console: ${portal}${rule.tenantId ? "/console/notifications" : "/msp"}`;
}

/**
 * Claims one notification by stamping it only if nobody has: of two evaluators racing, exactly one sends. If the
 * send fails the stamp is removed again, so the next evaluation retries.
 */
async function notifyOnce(
  deps: RuleRun,
  rule: AlertRule,
  state: AlertState,
  column: "openedNotifiedAt" | "resolvedNotifiedAt",
): Promise<boolean> {
  const states = deps.ctx.db.alertStates;
  const claimed = await states.updateWhere({ id: state.id, [column]: IsNull() }, { [column]: deps.now });
  if (!claimed) return false;
  const resolved = column === "resolvedNotifiedAt";
  try {
    await sendMail(deps.ctx, {
      to: rule.recipients,
      subject: `${resolved ? "[Resolved]" : "[Alert]"} ${rule.name}: ${state.subjectLabel}`,
      text:
        (resolved
          ? `Resolved at ${deps.now.toISOString()}: ${state.message}\n\nThe condition of alert rule "${rule.name}" no longer holds.`
          : `${state.message}\n\nRaised at ${state.openedAt.toISOString()} by alert rule "${rule.name}" (${rule.kind}).`) +
        consoleLink(deps.ctx, rule),
      messageId: `<alert-${state.id}-${resolved ? "resolved" : "opened"}@atrium>`,
    });
    return true;
  } catch (error) {
    await states.updateWhere({ id: state.id }, { [column]: null });
    deps.ctx.logger.warn(
      { ruleId: rule.id, err: error instanceof Error ? error.message : String(error) },
      "alert mail failed",
    );
    return false;
  }
}

/** Mails new and resolved alerts of the rule, at most `maxEmailsPerHour` in any hour; the rest wait their turn. */
async function notify(deps: RuleRun, rule: AlertRule): Promise<number> {
  const states = deps.ctx.db.alertStates;
  const since = new Date(deps.now.getTime() - HOUR_MS);
  const sentLastHour =
    (await states.count({ ruleId: rule.id, openedNotifiedAt: MoreThanOrEqual(since) })) +
    (await states.count({ ruleId: rule.id, resolvedNotifiedAt: MoreThanOrEqual(since) }));
  let budget = rule.maxEmailsPerHour - sentLastHour;
  let sent = 0;
  const unannounced = await states.find({
    where: { ruleId: rule.id, openedNotifiedAt: IsNull() },
    order: { openedAt: "ASC" },
  });
  for (const state of unannounced) {
    // Opened and cleared between two mails: nobody needs to hear about it twice, or at all.
    if (state.status === "resolved") {
      await states.updateWhere({ id: state.id }, { openedNotifiedAt: deps.now, resolvedNotifiedAt: deps.now });
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

/**
 * One evaluation of every enabled rule of every tenant and the MSP; each rule then acts for its own owner (an MSP
 * rule's condition reads across tenants). A broken rule is logged and the others still run.
 */
export async function evaluateAlerts(ctx: Ctx): Promise<{ rules: number; mailed: number }> {
  const across = acrossTenants(ctx.manager, "alert rules of every tenant and the MSP", ctx);
  const rules = await across.alertRules.findBy({ enabled: true });
  const now = ctx.clock();
  let mailed = 0;
  for (const rule of rules) {
    const deps = { ctx: inTenant(ctx, across.forTenant(rule.tenantId)), now };
    try {
      const reads = rule.tenantId === null ? across : deps.ctx.db;
      await reconcileStates(deps, rule, await evaluateCondition(reads, rule, now));
      mailed += await notify(deps, rule);
    } catch (error) {
      ctx.logger.error(
        { ruleId: rule.id, err: error instanceof Error ? error.message : String(error) },
        "alert rule failed",
      );
    }
  }
  return { rules: rules.length, mailed };
}
