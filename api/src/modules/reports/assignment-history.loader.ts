import type { AssignmentHistoryRow } from "@atrium/reports";
import { isEnumValue, ReleaseReason } from "@atrium/schema";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { AnyDb } from "../../db/index.js";
import { keysetRows } from "./keyset-pages.js";
import type { ReportPeriodRange } from "./report-scope.js";

export interface AssignmentHistoryRaw {
  id: string;
  assignedAt: Date;
  releasedAt: Date | null;
  releaseReason: string | null;
  username: string | null;
  desktopName: string | null;
  poolName: string | null;
}

export const ASSIGNMENT_KEYSET = { time: "a.assigned_at", id: "a.id" };

/**
 * Assignments that overlapped the period: started before its end and not released before its start. Names come
 * from joins within the same tenant; a deleted desktop or user still shows its assignment, unnamed.
 */
export function assignmentHistoryQuery(db: AnyDb, period: ReportPeriodRange): SelectQueryBuilder<ObjectLiteral> {
  const query: SelectQueryBuilder<ObjectLiteral> = db.assignments.query("a");
  db.users.join(query, "u", "u.id = a.user_id AND u.tenant_id = a.tenant_id", "left");
  db.desktops.join(query, "d", "d.id = a.desktop_id AND d.tenant_id = a.tenant_id", "left");
  db.pools.join(query, "p", "p.id = a.pool_id AND p.tenant_id = a.tenant_id", "left");
  return query
    .select("a.id", "id")
    .addSelect("a.assigned_at", "assignedAt")
    .addSelect("a.released_at", "releasedAt")
    .addSelect("a.release_reason", "releaseReason")
    .addSelect("u.username", "username")
    .addSelect("d.name", "desktopName")
    .addSelect("p.name", "poolName")
    .andWhere("a.assigned_at < :to", { to: period.to })
    .andWhere("(a.released_at IS NULL OR a.released_at >= :from)", { from: period.from });
}

const RELEASE_REASONS: Record<ReleaseReason, string> = {
  [ReleaseReason.USER]: "Released by user",
  [ReleaseReason.TIMER_DISCONNECT]: "Released after disconnect",
  [ReleaseReason.TIMER_LOGOUT]: "Released after logout",
};

/** A value outside the set (written by an older version) is printed as stored rather than dropped. */
const releaseLabel = (reason: string) => (isEnumValue(ReleaseReason, reason) ? RELEASE_REASONS[reason] : reason);

export function toAssignmentHistoryRow(raw: AssignmentHistoryRaw): AssignmentHistoryRow {
  return {
    user: raw.username ?? "(deleted user)",
    desktop: raw.desktopName ?? "(deleted desktop)",
    pool: raw.poolName ?? "(deleted pool)",
    assignedAt: new Date(raw.assignedAt),
    releasedAt: raw.releasedAt ? new Date(raw.releasedAt) : null,
    releaseReason: raw.releaseReason ? releaseLabel(raw.releaseReason) : null,
  };
}

export async function* assignmentHistoryRows(
  db: AnyDb,
  period: ReportPeriodRange,
): AsyncGenerator<AssignmentHistoryRow> {
  const query = assignmentHistoryQuery(db, period);
  for await (const raw of keysetRows<AssignmentHistoryRaw>(
    query,
    ASSIGNMENT_KEYSET,
    (row) => new Date(row.assignedAt),
  )) {
    yield toAssignmentHistoryRow(raw);
  }
}
