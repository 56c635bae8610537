import { formatQuantity } from "../format/cell-format.js";
import { isoDate } from "../format/date-format.js";
import type { ColumnDefinition, FormatContext, ReportData, ReportDefinition, SummaryLayout } from "../report.types.js";
import { addTo, ratio, shortDayLabel, sortedDays, topEntries } from "./summary-helpers.js";

export interface AssignmentHistoryRow {
  readonly user: string;
  readonly desktop: string;
  readonly pool: string;
  readonly assignedAt: Date;
  /** Null while the desktop is still assigned at the end of the period. */
  readonly releasedAt: Date | null;
  /** Why the assignment ended (logout, idle timeout, administrator, desktop deleted…); null while active. */
  readonly releaseReason: string | null;
}

export type AssignmentHistoryData = ReportData<AssignmentHistoryRow>;

export interface AssignmentHistorySummary {
  readonly assignments: number;
  readonly released: number;
  readonly active: number;
  /** Sum of durations of released assignments, in seconds. */
  readonly releasedSeconds: number;
  readonly users: number;
  readonly desktops: number;
  readonly startedByDay: ReadonlyMap<string, number>;
  readonly releaseReasons: ReadonlyMap<string, number>;
}

/** Seconds between assignment and release; null for assignments that are still open. */
export function assignmentDurationSeconds(row: AssignmentHistoryRow): number | null {
  if (row.releasedAt === null) return null;
  return Math.max(0, (row.releasedAt.getTime() - row.assignedAt.getTime()) / 1000);
}

export const assignmentHistoryColumns: readonly ColumnDefinition<AssignmentHistoryRow>[] = [
  { key: "user", header: "User", type: "text", width: 1.6, value: (row) => row.user },
  { key: "desktop", header: "Desktop", type: "text", width: 1.3, value: (row) => row.desktop },
  { key: "pool", header: "Pool", type: "text", width: 1.1, value: (row) => row.pool },
  { key: "assignedAt", header: "Assigned at", type: "datetime", width: 1.1, value: (row) => row.assignedAt },
  {
    key: "releasedAt",
    header: "Released at",
    type: "datetime",
    width: 1.1,
    emptyText: "Still assigned",
    value: (row) => row.releasedAt,
    tone: (row) => (row.releasedAt === null ? "positive" : "neutral"),
  },
  {
    key: "duration",
    header: "Duration",
    type: "duration",
    width: 0.85,
    emptyText: "—",
    value: assignmentDurationSeconds,
  },
  {
    key: "releaseReason",
    header: "Release reason",
    type: "text",
    width: 1.3,
    wrap: true,
    emptyText: "",
    value: (row) => row.releaseReason,
  },
];

function assignmentHistoryAccumulator(ctx: FormatContext) {
  let assignments = 0;
  let released = 0;
  let releasedSeconds = 0;
  const users = new Set<string>();
  const desktops = new Set<string>();
  const startedByDay = new Map<string, number>();
  const releaseReasons = new Map<string, number>();
  return {
    add(row: AssignmentHistoryRow): void {
      assignments += 1;
      users.add(row.user);
      desktops.add(row.desktop);
      addTo(startedByDay, isoDate(row.assignedAt, ctx.timeZone), 1);
      const seconds = assignmentDurationSeconds(row);
      if (seconds !== null) {
        released += 1;
        releasedSeconds += seconds;
        addTo(releaseReasons, row.releaseReason ?? "Unspecified", 1);
      }
    },
    result(): AssignmentHistorySummary {
      return {
        assignments,
        released,
        active: assignments - released,
        releasedSeconds,
        users: users.size,
        desktops: desktops.size,
        startedByDay,
        releaseReasons,
      };
    },
  };
}

function assignmentHistorySummary(
  summary: AssignmentHistorySummary,
  _data: AssignmentHistoryData,
  ctx: FormatContext,
): SummaryLayout {
  const n = (value: number) => formatQuantity(value, "integer", ctx);
  const days = sortedDays(summary.startedByDay);
  const averageSeconds = ratio(summary.releasedSeconds, summary.released);
  const reasons = topEntries(summary.releaseReasons, 8);
  return {
    kpis: [
      { label: "Assignments", value: n(summary.assignments) },
      { label: "Released", value: n(summary.released) },
      { label: "Still assigned", value: n(summary.active) },
      { label: "Average duration", value: formatQuantity(averageSeconds, "duration", ctx) },
      { label: "Released assignment hours", value: formatQuantity(summary.releasedSeconds / 3600, "hours", ctx, 1) },
      { label: "Distinct users", value: n(summary.users) },
      { label: "Distinct desktops", value: n(summary.desktops) },
      {
        label: "Assignments per desktop",
        value: formatQuantity(ratio(summary.assignments, summary.desktops), "decimal", ctx, 1),
      },
    ],
    charts: [
      {
        title: "Assignments started per day",
        labels: days.map((day) => shortDayLabel(day, ctx.locale)),
        yAxisTitle: "Assignments",
        series: [
          {
            label: "Assignments",
            type: "bar",
            values: days.map((day) => summary.startedByDay.get(day)!),
            colorIndex: 0,
          },
        ],
        emptyText: "No assignments started in this period.",
      },
      {
        title: "Release reasons",
        labels: reasons.map(([reason]) => reason),
        horizontal: true,
        series: [
          { label: "Released assignments", type: "bar", values: reasons.map(([, count]) => count), colorIndex: 2 },
        ],
        emptyText: "No assignments were released in this period.",
      },
    ],
  };
}

export const assignmentHistoryReport: ReportDefinition<
  AssignmentHistoryRow,
  AssignmentHistoryData,
  AssignmentHistorySummary
> = {
  id: "assignment-history",
  title: "Assignment history",
  description: "Which user held which desktop, from when to when, and why the assignment ended.",
  orientation: "landscape",
  table: { id: "assignment-history", title: "Desktop assignments", columns: assignmentHistoryColumns },
  createAccumulator: assignmentHistoryAccumulator,
  summarize: assignmentHistorySummary,
};
