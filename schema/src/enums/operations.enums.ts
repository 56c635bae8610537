import type { EnumValue } from "./enum.js";

export const TenantStatus = Object.freeze({
  ACTIVE: "active",
  SUSPENDED: "suspended",
} as const);
export type TenantStatus = EnumValue<typeof TenantStatus>;

/** The result of the last connection check against a cloud. */
export const CloudStatus = Object.freeze({
  UNKNOWN: "unknown",
  OK: "ok",
  ERROR: "error",
} as const);
export type CloudStatus = EnumValue<typeof CloudStatus>;

export const JobStatus = Object.freeze({
  QUEUED: "queued",
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  DEAD: "dead",
} as const);
export type JobStatus = EnumValue<typeof JobStatus>;

export const ReportKind = Object.freeze({
  USAGE: "usage",
  LOGIN_HISTORY: "login-history",
  ASSIGNMENT_HISTORY: "assignment-history",
  BROKER_METRICS: "broker-metrics",
} as const);
export type ReportKind = EnumValue<typeof ReportKind>;

export const ReportFormat = Object.freeze({
  CSV: "csv",
  PDF: "pdf",
} as const);
export type ReportFormat = EnumValue<typeof ReportFormat>;

/** The previous local day, ISO week (Monday to Sunday) or calendar month in the schedule's time zone. */
export const ReportPeriod = Object.freeze({
  DAILY: "daily",
  WEEKLY: "weekly",
  MONTHLY: "monthly",
} as const);
export type ReportPeriod = EnumValue<typeof ReportPeriod>;

export const ReportDeliveryStatus = Object.freeze({
  PENDING: "pending",
  SENDING: "sending",
  RETRYING: "retrying",
  SENT: "sent",
  FAILED: "failed",
} as const);
export type ReportDeliveryStatus = EnumValue<typeof ReportDeliveryStatus>;

export const SmtpTlsMode = Object.freeze({
  NONE: "none",
  STARTTLS: "starttls",
  TLS: "tls",
} as const);
export type SmtpTlsMode = EnumValue<typeof SmtpTlsMode>;

export const AlertKind = Object.freeze({
  POOL_AVAILABLE_BELOW: "POOL_AVAILABLE_BELOW",
  POOL_PAUSED: "POOL_PAUSED",
  CLOUD_UNREACHABLE: "CLOUD_UNREACHABLE",
  QUOTA_ABOVE: "QUOTA_ABOVE",
  FAILED_LOGIN_SPIKE: "FAILED_LOGIN_SPIKE",
  REPORT_DELIVERY_FAILED: "REPORT_DELIVERY_FAILED",
} as const);
export type AlertKind = EnumValue<typeof AlertKind>;

export const AlertStatus = Object.freeze({
  OPEN: "open",
  RESOLVED: "resolved",
} as const);
export type AlertStatus = EnumValue<typeof AlertStatus>;

/** How a usage summary is grouped (not stored). */
export const UsageGroupBy = Object.freeze({
  TENANT: "TENANT",
  POOL: "POOL",
  FLAVOR: "FLAVOR",
  USER: "USER",
  DAY: "DAY",
} as const);
export type UsageGroupBy = EnumValue<typeof UsageGroupBy>;

/** How the MSP overview's tenant table is sorted (not stored). */
export const TenantOverviewSort = Object.freeze({
  NAME: "NAME",
  DESKTOPS: "DESKTOPS",
  SESSIONS: "SESSIONS",
  USAGE: "USAGE",
  ALERTS: "ALERTS",
  LAST_SIGN_IN: "LAST_SIGN_IN",
} as const);
export type TenantOverviewSort = EnumValue<typeof TenantOverviewSort>;
