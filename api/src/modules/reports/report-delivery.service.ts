import { type ReportDelivery, type ReportSchedule, Tenant } from "@atrium/schema";
import { portalPublicUrlOf } from "../../config/env.js";
import { type Ctx, inTenant } from "../../context/ctx.js";
import { acrossTenants, isUniqueViolation, type TenantDb } from "../../db/index.js";
import { sendMail } from "../mail/mail-transport.js";
import { latestDuePeriod } from "./report-period.js";
import { renderAttachments } from "./report-render.service.js";
import { type ReportPeriodRange, scheduleDbOf } from "./report-scope.js";

const REPORT_TITLES: Record<string, string> = {
  usage: "Usage report",
  "login-history": "Login history",
  "assignment-history": "Assignment history",
  "broker-metrics": "Broker metrics",
};

/**
 * Creates the delivery log row of a period, once: the unique (schedule, period key) index makes a second dispatcher,
 * a restart or a repeated "send now" request find the existing row instead of starting a second delivery.
 */
export async function createDelivery(
  db: TenantDb,
  schedule: ReportSchedule,
  periodKey: string,
  period: ReportPeriodRange,
): Promise<{ delivery: ReportDelivery; created: boolean }> {
  try {
    const delivery = await db.reportDeliveries.insert({
      scheduleId: schedule.id,
      periodKey,
      periodStart: period.from,
      periodEnd: period.to,
      status: "pending",
      attempts: 0,
      recipients: schedule.recipients,
    });
    return { delivery, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.reportDeliveries.findOne({ scheduleId: schedule.id, periodKey });
    if (!existing) throw error;
    return { delivery: existing, created: false };
  }
}

/** Scheduled periods are keyed by their start, so the key is the same whichever worker computes it. */
export function scheduledPeriodKey(period: ReportPeriodRange): string {
  return period.from.toISOString();
}

/** Delivery rows for every enabled schedule whose latest period is due and was not logged yet. */
export async function dispatchDueSchedules(ctx: Ctx): Promise<ReportDelivery[]> {
  const now = ctx.clock();
  const across = acrossTenants(ctx.manager, "report schedules of every tenant and the MSP", ctx);
  const schedules = await across.reportSchedules.findBy({ enabled: true });
  const created: ReportDelivery[] = [];
  for (const schedule of schedules) {
    const due = latestDuePeriod(schedule, now);
    // A new schedule starts with the next period: it does not mail a backlog of periods from before it existed.
    if (due.dueAt.getTime() < schedule.createdAt.getTime()) continue;
    const result = await createDelivery(across.forTenant(schedule.tenantId), schedule, scheduledPeriodKey(due), due);
    if (result.created) created.push(result.delivery);
  }
  return created;
}

export interface DeliveryAttempt {
  /** The job attempt; the last one records the delivery as failed instead of retrying. */
  attempt: number;
  maxAttempts: number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/** Where the schedule is managed, on the portal's public address (never a request's host); none when unset. */
function schedulesLink(ctx: Ctx, schedule: ReportSchedule): string {
  const portal = portalPublicUrlOf(ctx.services.config);
  if (!portal) return "";
  return `\n\nReport schedules: ${portal}${schedule.tenantId ? "/console/reports" : "/msp"}`;
}

/**
 * Renders and mails one delivery. Status moves to `sending` (committed) before the mail is handed to SMTP, so a
 * crash mid-send leaves a row that is never resent — a missing report is raised as an alert, a duplicate is not
 * recoverable. A failure before that point (rendering, connection refused) is retried by the job with backoff.
 */
export async function deliverReport(job: Ctx, deliveryId: string, attempt: DeliveryAttempt): Promise<ReportDelivery> {
  // The job names its delivery by id; from there on the work acts for the delivery's owner (a tenant or the MSP).
  const across = acrossTenants(job.manager, "a report delivery job names its delivery by id", job);
  const delivery = await across.reportDeliveries.getById(deliveryId);
  const ctx = inTenant(job, across.forTenant(delivery.tenantId));
  const now = ctx.clock();
  const deliveries = ctx.db.reportDeliveries;
  if (delivery.status === "sent" || delivery.status === "failed") return delivery;
  if (delivery.status === "sending") {
    return deliveries.save(
      Object.assign(delivery, {
        status: "failed",
        error: "Interrupted while sending; not resent because the message may already have been delivered",
        finishedAt: now,
      }),
    );
  }
  const schedule = await ctx.db.reportSchedules.findOne({ id: delivery.scheduleId });
  if (!schedule) {
    return deliveries.save(
      Object.assign(delivery, { status: "failed", error: "The schedule was deleted", finishedAt: now }),
    );
  }
  const tenant = schedule.tenantId
    ? await ctx.manager.getRepository(Tenant).findOneBy({ id: schedule.tenantId })
    : null;
  const period = { from: delivery.periodStart, to: delivery.periodEnd };
  delivery.attempts = attempt.attempt;
  try {
    const files = await renderAttachments(
      {
        db: scheduleDbOf(ctx, schedule.tenantId),
        report: schedule.report,
        period,
        timeZone: schedule.timeZone,
        generatedAt: now,
      },
      schedule.formats,
      tenant?.slug ?? "all-tenants",
    );
    await deliveries.save(Object.assign(delivery, { status: "sending", error: null }));
    const title = REPORT_TITLES[schedule.report] ?? schedule.report;
    const day = period.from.toISOString().slice(0, 10);
    const { messageId } = await sendMail(ctx, {
      to: delivery.recipients,
      subject: `${title} — ${tenant?.name ?? "All tenants"} — ${schedule.period} from ${day}`,
      text: `${schedule.name}: ${title} for ${tenant?.name ?? "all tenants"}, period starting ${day} (${schedule.timeZone}). The report is attached.${schedulesLink(ctx, schedule)}`,
      attachments: files,
      messageId: `<report-${delivery.id}@atrium>`,
    });
    return deliveries.save(Object.assign(delivery, { status: "sent", messageId, finishedAt: now }));
  } catch (error) {
    const last = attempt.attempt >= attempt.maxAttempts;
    ctx.logger.warn({ deliveryId, attempt: attempt.attempt, last, err: errorText(error) }, "report delivery failed");
    await deliveries.save(
      Object.assign(delivery, {
        status: last ? "failed" : "retrying",
        error: errorText(error),
        finishedAt: last ? now : null,
      }),
    );
    if (last) return delivery;
    throw error;
  }
}
