import { formatQuantity } from "../format/cell-format.js";
import { isoDate, wallClock } from "../format/date-format.js";
import type {
  CellValue,
  ColumnDefinition,
  FormatContext,
  ReportData,
  ReportDefinition,
  SummaryLayout,
} from "../report.types.js";
import { ratio, shortDayLabel, sortedDays } from "./summary-helpers.js";

/** `denied`: credentials were fine but an access rule (location, time, client) refused the sign-in. */
export type LoginOutcome = "success" | "failure" | "denied";

export interface LoginHistoryRow {
  readonly time: Date;
  readonly user: string;
  readonly sourceIp: string;
  /** Matched location name, null when no location rule matched the source address. */
  readonly location: string | null;
  readonly identityProvider: string;
  /** Second factor used (e.g. "TOTP", "RADIUS"), null when none was required or reached. */
  readonly mfa: string | null;
  readonly outcome: LoginOutcome;
  readonly reason: string | null;
}

export type LoginHistoryData = ReportData<LoginHistoryRow>;

interface DayCounts {
  success: number;
  failed: number;
}

export interface LoginHistorySummary {
  readonly attempts: number;
  readonly successes: number;
  readonly failures: number;
  readonly denials: number;
  readonly withMfa: number;
  readonly users: number;
  readonly sourceIps: number;
  /** Index 0..23 = hour of day in the report zone. */
  readonly byHourOfDay: readonly DayCounts[];
  readonly byDay: ReadonlyMap<string, DayCounts>;
}

const OUTCOME_LABELS: Record<LoginOutcome, string> = { success: "Success", failure: "Failed", denied: "Denied" };

const outcomeLabel = (value: CellValue): string =>
  typeof value === "string" && value in OUTCOME_LABELS ? OUTCOME_LABELS[value as LoginOutcome] : String(value);

export const loginHistoryColumns: readonly ColumnDefinition<LoginHistoryRow>[] = [
  { key: "time", header: "Time", type: "datetime", width: 1.1, value: (row) => row.time },
  { key: "user", header: "User", type: "text", width: 2.1, value: (row) => row.user },
  { key: "sourceIp", header: "Source IP", type: "text", width: 1.05, value: (row) => row.sourceIp },
  { key: "location", header: "Location", type: "text", width: 1, value: (row) => row.location },
  {
    key: "identityProvider",
    header: "Identity provider",
    type: "text",
    width: 1.2,
    value: (row) => row.identityProvider,
  },
  { key: "mfa", header: "MFA", type: "text", width: 0.6, emptyText: "None", value: (row) => row.mfa },
  {
    key: "outcome",
    header: "Outcome",
    type: "text",
    width: 0.7,
    value: (row) => row.outcome,
    label: outcomeLabel,
    tone: (row) => (row.outcome === "success" ? "positive" : row.outcome === "denied" ? "warning" : "negative"),
  },
  { key: "reason", header: "Reason", type: "text", width: 2, wrap: true, emptyText: "", value: (row) => row.reason },
];

function loginHistoryAccumulator(ctx: FormatContext) {
  let attempts = 0;
  let successes = 0;
  let failures = 0;
  let denials = 0;
  let withMfa = 0;
  const users = new Set<string>();
  const sourceIps = new Set<string>();
  const byHourOfDay: DayCounts[] = Array.from({ length: 24 }, () => ({ success: 0, failed: 0 }));
  const byDay = new Map<string, DayCounts>();
  return {
    add(row: LoginHistoryRow): void {
      attempts += 1;
      const ok = row.outcome === "success";
      if (ok) successes += 1;
      else if (row.outcome === "denied") denials += 1;
      else failures += 1;
      if (ok && row.mfa) withMfa += 1;
      users.add(row.user);
      sourceIps.add(row.sourceIp);
      const hourBucket = byHourOfDay[wallClock(row.time, ctx.timeZone).hour]!;
      const day = isoDate(row.time, ctx.timeZone);
      const dayBucket = byDay.get(day) ?? { success: 0, failed: 0 };
      byDay.set(day, dayBucket);
      for (const bucket of [hourBucket, dayBucket]) {
        if (ok) bucket.success += 1;
        else bucket.failed += 1;
      }
    },
    result(): LoginHistorySummary {
      return {
        attempts,
        successes,
        failures,
        denials,
        withMfa,
        users: users.size,
        sourceIps: sourceIps.size,
        byHourOfDay,
        byDay,
      };
    },
  };
}

function loginHistorySummary(summary: LoginHistorySummary, _data: LoginHistoryData, ctx: FormatContext): SummaryLayout {
  const n = (value: number) => formatQuantity(value, "integer", ctx);
  const pct = (value: number | null) => formatQuantity(value, "percent", ctx);
  const days = sortedDays(summary.byDay);
  return {
    kpis: [
      { label: "Sign-in attempts", value: n(summary.attempts) },
      { label: "Successful", value: n(summary.successes) },
      { label: "Failed", value: n(summary.failures) },
      { label: "Denied by policy", value: n(summary.denials) },
      { label: "Success rate", value: pct(ratio(summary.successes, summary.attempts)) },
      { label: "Successful with MFA", value: pct(ratio(summary.withMfa, summary.successes)) },
      { label: "Distinct users", value: n(summary.users) },
      { label: "Distinct source IPs", value: n(summary.sourceIps) },
    ],
    charts: [
      {
        title: "Sign-ins per day",
        labels: days.map((day) => shortDayLabel(day, ctx.locale)),
        yAxisTitle: "Sign-ins",
        series: [
          {
            label: "Successful",
            type: "bar",
            stack: "s",
            values: days.map((d) => summary.byDay.get(d)!.success),
            colorIndex: 0,
          },
          {
            label: "Failed or denied",
            type: "bar",
            stack: "s",
            values: days.map((d) => summary.byDay.get(d)!.failed),
            colorIndex: 3,
          },
        ],
        emptyText: "No sign-in attempts in this period.",
      },
      {
        title: `Sign-ins by hour of day (${ctx.timeZone})`,
        labels: summary.byHourOfDay.map((_, hour) => `${String(hour).padStart(2, "0")}:00`),
        yAxisTitle: "Sign-ins",
        series: [
          {
            label: "Successful",
            type: "bar",
            stack: "s",
            values: summary.byHourOfDay.map((b) => b.success),
            colorIndex: 0,
          },
          {
            label: "Failed or denied",
            type: "bar",
            stack: "s",
            values: summary.byHourOfDay.map((b) => b.failed),
            colorIndex: 3,
          },
        ],
        emptyText: "No sign-in attempts in this period.",
      },
    ],
  };
}

export const loginHistoryReport: ReportDefinition<LoginHistoryRow, LoginHistoryData, LoginHistorySummary> = {
  id: "login-history",
  title: "Login history",
  description:
    "Every sign-in attempt with its source, location, identity provider, second factor and outcome, in time order.",
  orientation: "landscape",
  table: { id: "login-history", title: "Sign-in attempts", columns: loginHistoryColumns },
  createAccumulator: loginHistoryAccumulator,
  summarize: loginHistorySummary,
};
