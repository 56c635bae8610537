import type { Role } from "@/generated/graphql";

const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** Server-rendered times are UTC and say so, so no hydration differs between server and browser. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${dateTime.format(new Date(iso))} UTC`;
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : "—";
}

export function relativeTime(iso: string | null | undefined, now: Date): string {
  if (!iso) return "never";
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

const ROLE_LABELS: Record<Role, string> = {
  TENANT_ADMIN: "Administrator",
  TENANT_HELPDESK: "Helpdesk",
  TENANT_USER: "User",
  MSP_ADMIN: "MSP administrator",
  MSP_OPERATOR: "MSP operator",
  MSP_BILLING: "MSP billing",
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

/** `signIn.failed` → "Sign in failed", `TENANT_ADMIN` → "Tenant admin" (GraphQL enum names read as words). */
export function humanize(value: string): string {
  const words = value
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[._-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export type Tone = "success" | "danger" | "warning" | "info" | "accent" | "neutral";

const TONES: Record<string, Tone> = {
  active: "success",
  ok: "success",
  available: "success",
  running: "success",
  ready: "success",
  assigned: "accent",
  provisioning: "info",
  growing: "info",
  shrinking: "info",
  blocked: "danger",
  building: "info",
  starting: "info",
  paused: "warning",
  draining: "warning",
  suspended: "warning",
  stopped: "neutral",
  shelved: "neutral",
  unknown: "neutral",
  unavailable: "danger",
  deleting: "warning",
  error: "danger",
  disabled: "danger",
  revoked: "danger",
  expired: "warning",
  success: "success",
  failure: "danger",
  disconnected: "warning",
};

/** The tone of any status word, whatever enum it comes from: compared case-insensitively with the list above. */
export function toneOf(status: string): Tone {
  return TONES[status.toLowerCase()] ?? "neutral";
}

/** Audit before/after values as short readable text: no raw JSON reaches the page. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length ? value.map(describeValue).join(", ") : "none";
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([key, inner]) => `${humanize(key)}: ${describeValue(inner)}`).join("; ") : "—";
  }
  return String(value);
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

// Identifiers, bookkeeping timestamps and redacted secrets say nothing to a reader of the log.
const HIDDEN_AUDIT_KEYS = /^(id|tenantId|createdAt|updatedAt|createdBy|.*Hash|.*Secret|secret.*)$/i;

/** The fields an audited change touched, with their old and new values. */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (HIDDEN_AUDIT_KEYS.test(key)) continue;
    const old = before && key in before ? describeValue(before[key]) : null;
    const now = after && key in after ? describeValue(after[key]) : null;
    if (old === now) continue;
    changes.push({ field: humanize(key), before: old, after: now });
  }
  return changes;
}

/** Session lengths: "40 s", "12 min", "1 h 5 min", "2 d 3 h". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
