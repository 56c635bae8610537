import { ReportDelivery, ReportSchedule, Tenant } from "@atrium/schema";
import type { EntityManager } from "typeorm";
import { isUniqueViolation } from "../../db/dialect.js";
import type { JobLogger } from "../../jobs/job-definition.js";
import type { SecretBox } from "../../security/secret-box.js";
import { sendMail } from "../mail/mail-transport.js";
import { latestDuePeriod } from "./report-period.js";
import { renderAttachments } from "./report-render.service.js";
import type { ReportPeriodRange } from "./report-scope.js";

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
  manager: EntityManager,
  schedule: ReportSchedule,
  periodKey: string,
  period: ReportPeriodRange,
): Promise<{ delivery: ReportDelivery; created: boolean }> {
  const repository = manager.getRepository(ReportDelivery);
  try {
    const delivery = await repository.save(
      repository.create({
        tenantId: schedule.tenantId,
        scheduleId: schedule.id,
        periodKey,
        periodStart: period.from,
        periodEnd: period.to,
        status: "pending",
        attempts: 0,
        recipients: schedule.recipients,
      }),
    );
    return { delivery, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { delivery: await repository.findOneByOrFail({ scheduleId: schedule.id, periodKey }), created: false };
  }
}

/** Scheduled periods are keyed by their start, so the key is the same whichever worker computes it. */
export function scheduledPeriodKey(period: ReportPeriodRange): string {
  return period.from.toISOString();
}

/** Delivery rows for every enabled schedule whose latest period is due and was not logged yet. */
export async function dispatchDueSchedules(manager: EntityManager, now: Date): Promise<ReportDelivery[]> {
  const schedules = await manager.getRepository(ReportSchedule).findBy({ enabled: true });
  const created: ReportDelivery[] = [];
  for (const schedule of schedules) {
    const due = latestDuePeriod(schedule, now);
    // A new schedule starts with the next period: it does not mail a backlog of periods from before it existed.
    if (due.dueAt.getTime() < schedule.createdAt.getTime()) continue;
    const result = await createDelivery(manager, schedule, scheduledPeriodKey(due), due);
    if (result.created) created.push(result.delivery);
  }
  return created;
}

export interface DeliveryAttempt {
  manager: EntityManager;
  secretBox: SecretBox;
  logger: JobLogger;
  now: Date;
  /** The job attempt; the last one records the delivery as failed instead of retrying. */
  attempt: number;
  maxAttempts: number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * Renders and mails one delivery. Status moves to `sending` (committed) before the mail is handed to SMTP, so a
 * crash mid-send leaves a row that is never resent — a missing report is raised as an alert, a duplicate is not
 * recoverable. A failure before that point (rendering, connection refused) is retried by the job with backoff.
 */
export async function deliverReport(deliveryId: string, attempt: DeliveryAttempt): Promise<ReportDelivery> {
  const deliveries = attempt.manager.getRepository(ReportDelivery);
  const delivery = await deliveries.findOneByOrFail({ id: deliveryId });
  if (delivery.status === "sent" || delivery.status === "failed") return delivery;
  if (delivery.status === "sending") {
    return deliveries.save(
      Object.assign(delivery, {
        status: "failed",
        error: "Interrupted while sending; not resent because the message may already have been delivered",
        finishedAt: attempt.now,
      }),
    );
  }
  const schedule = await attempt.manager.getRepository(ReportSchedule).findOneBy({ id: delivery.scheduleId });
  if (!schedule) {
    return deliveries.save(
      Object.assign(delivery, { status: "failed", error: "The schedule was deleted", finishedAt: attempt.now }),
    );
  }
  const tenant = schedule.tenantId
    ? await attempt.manager.getRepository(Tenant).findOneBy({ id: schedule.tenantId })
    : null;
  const period = { from: delivery.periodStart, to: delivery.periodEnd };
  delivery.attempts = attempt.attempt;
  try {
    const files = await renderAttachments(
      attempt.manager,
      {
        scope: { tenantId: schedule.tenantId },
        report: schedule.report,
        period,
        timeZone: schedule.timeZone,
        generatedAt: attempt.now,
      },
      schedule.formats,
      tenant?.slug ?? "all-tenants",
    );
    await deliveries.save(Object.assign(delivery, { status: "sending", error: null }));
    const title = REPORT_TITLES[schedule.report] ?? schedule.report;
    const day = period.from.toISOString().slice(0, 10);
    const { messageId } = await sendMail(attempt.manager, attempt.secretBox, schedule.tenantId, {
      to: delivery.recipients,
      subject: `${title} — ${tenant?.name ?? "All tenants"} — ${schedule.period} from ${day}`,
      text: `${schedule.name}: ${title} for ${tenant?.name ?? "all tenants"}, period starting ${day} (${schedule.timeZone}). The report is attached.`,
      attachments: files,
      messageId: `<report-${delivery.id}@atrium>`,
    });
    return deliveries.save(Object.assign(delivery, { status: "sent", messageId, finishedAt: attempt.now }));
  } catch (error) {
    const last = attempt.attempt >= attempt.maxAttempts;
    attempt.logger.warn(
      { deliveryId, attempt: attempt.attempt, last, err: errorText(error) },
      "report delivery failed",
    );
    await deliveries.save(
      Object.assign(delivery, {
        status: last ? "failed" : "retrying",
        error: errorText(error),
        finishedAt: last ? attempt.now : null,
      }),
    );
    if (last) return delivery;
    throw error;
  }
}
