import { randomUUID } from "node:crypto";
import type { ReportDelivery } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { providedFields } from "../../graphql/validation.js";
import { enqueueJob } from "../../jobs/enqueue-job.js";
import { recordAudit } from "../../tenancy/audit.js";
import { deliveryJobKey, reportDeliverJob } from "./report-delivery.job.js";
import { createDelivery } from "./report-delivery.service.js";
import { latestDuePeriod } from "./report-period.js";
import type { CreateReportScheduleInput, UpdateReportScheduleInput } from "./report-schedules.types.js";

/** The caller's schedules: its tenant's, or the MSP's own (tenant null) for MSP staff outside a tenant. */
const schedules = (ctx: Ctx) => ctx.db.reportSchedules;

const normalised = (recipients: string[]) => [...new Set(recipients.map((address) => address.trim().toLowerCase()))];

export function listSchedules(ctx: Ctx) {
  return schedules(ctx).find({ order: { name: "ASC" } });
}

export function getSchedule(ctx: Ctx, id: string) {
  return schedules(ctx).getById(id);
}

export async function createSchedule(ctx: Ctx, input: CreateReportScheduleInput) {
  return withTransaction(ctx, async (tx) => {
    const saved = await schedules(tx).insert({ ...input, recipients: normalised(input.recipients) });
    await recordAudit(tx, {
      action: "createReportSchedule",
      targetType: "ReportSchedule",
      targetId: saved.id,
      after: saved,
    });
    return saved;
  });
}

export async function updateSchedule(ctx: Ctx, id: string, input: UpdateReportScheduleInput) {
  const fields = providedFields(input);
  return withTransaction(ctx, async (tx) => {
    const scope = schedules(tx);
    const before = { ...(await scope.getById(id)) };
    const saved = await scope.update(id, {
      ...fields,
      ...(fields.recipients ? { recipients: normalised(fields.recipients) } : {}),
    });
    await recordAudit(tx, {
      action: "updateReportSchedule",
      targetType: "ReportSchedule",
      targetId: id,
      before,
      after: saved,
    });
    return saved;
  });
}

export async function deleteSchedule(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const removed = await schedules(tx).remove(id);
    await recordAudit(tx, {
      action: "deleteReportSchedule",
      targetType: "ReportSchedule",
      targetId: id,
      before: removed,
    });
    return removed;
  });
}

/**
 * Mails the schedule's last complete period now, through the same delivery job (and log) as the timetable. Each
 * request is its own delivery; the job's dedupe key keeps one job per delivery.
 */
export async function sendReportNow(ctx: Ctx, id: string): Promise<ReportDelivery> {
  return withTransaction(ctx, async (tx) => {
    const schedule = await schedules(tx).getById(id);
    const period = latestDuePeriod({ ...schedule, hour: 0 }, tx.services.clock());
    const { delivery } = await createDelivery(tx.db, schedule, `now:${randomUUID()}`, period);
    await enqueueJob(
      tx.manager,
      reportDeliverJob,
      { deliveryId: delivery.id },
      { tenantId: schedule.tenantId, dedupeKey: deliveryJobKey(delivery.id), runAt: tx.services.clock() },
    );
    await recordAudit(tx, { action: "sendReportNow", targetType: "ReportSchedule", targetId: id, after: delivery });
    return delivery;
  });
}

export async function listDeliveries(ctx: Ctx, scheduleId: string, page: PageArgs) {
  const schedule = await schedules(ctx).getById(scheduleId);
  const query = ctx.db.reportDeliveries
    .query("delivery")
    .andWhere("delivery.scheduleId = :scheduleId", { scheduleId: schedule.id });
  return paginate(query, page, [{ property: "createdAt", direction: "DESC" }]);
}
