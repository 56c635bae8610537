import type { ReportFormat, ReportKind, ReportPeriod } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";

/** The API's download routes (/reports/<name>.<format>), which name reports in their URL form. */
export const DOWNLOADS = [
  { value: "usage", label: "Usage (invoice lines: desktop and resource hours)" },
  { value: "login-history", label: "Sign-in history" },
  { value: "assignment-history", label: "Desktop assignments" },
  { value: "broker-metrics", label: "Broker metrics (logins, connections, utilisation)" },
];

export const KINDS = enumOptions<ReportKind>({
  USAGE: "Usage (desktop and resource hours)",
  LOGIN_HISTORY: "Sign-in history",
  ASSIGNMENT_HISTORY: "Desktop assignments",
  BROKER_METRICS: "Broker metrics",
});

export const PERIODS = enumOptions<ReportPeriod>({
  DAILY: "Daily (previous day)",
  WEEKLY: "Weekly (previous Monday–Sunday)",
  MONTHLY: "Monthly (previous month)",
});

export const FORMATS = enumOptions<ReportFormat>({ PDF: "PDF", CSV: "CSV" });
