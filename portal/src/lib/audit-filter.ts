import type { AuditFilter } from "@/generated/graphql";

/** The audit log's filters, as search params: the page and its CSV export read the same ones. */
export const AUDIT_FILTERS = ["actor", "action", "target", "from", "to"];

/** Kinds of object the log's entries are about, as the target filter offers them. */
export const AUDIT_TARGET_KINDS: { value: string; label: string }[] = [
  { value: "User", label: "Users" },
  { value: "Group", label: "Groups" },
  { value: "Pool", label: "Pools" },
  { value: "Desktop", label: "Desktops" },
  { value: "DesktopSession", label: "Desktop sessions" },
  { value: "AssignmentRule", label: "Assignment rules" },
  { value: "Policy", label: "Policies" },
  { value: "Location", label: "Locations" },
  { value: "ProtocolPlan", label: "Protocol plans" },
  { value: "PowerPlan", label: "Power plans" },
  { value: "ReleasePlan", label: "Release plans" },
  { value: "IdentityProvider", label: "Identity providers" },
  { value: "ApiKey", label: "API keys" },
  { value: "ReportSchedule", label: "Report schedules" },
  { value: "AlertRule", label: "Alert rules" },
  { value: "Tenant", label: "Tenants" },
  { value: "Cloud", label: "Clouds" },
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day's start in UTC; `next` moves it a day on, so "to" includes the day it names. */
function dayStart(day: string | undefined, next = false): string | null {
  if (!day || !DAY.test(day)) return null;
  const start = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(start.getTime())) return null;
  if (next) start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString();
}

/** The API's filter for the set filters (null when none): the period is whole UTC days, both ends included. */
export function auditFilterOf(filters: Record<string, string | undefined>): AuditFilter | null {
  const filter: AuditFilter = {
    actor: filters.actor || null,
    action: filters.action || null,
    targetType: filters.target || null,
    from: dayStart(filters.from),
    to: dayStart(filters.to, true),
  };
  return Object.values(filter).some((value) => value !== null) ? filter : null;
}
