import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { ActorType, type AuditFieldsFragment } from "@/generated/graphql";
import { auditChanges, formatDateTime, humanize } from "@/lib/format";
import { Badge } from "../ui/badge";

export type AuditRow = AuditFieldsFragment & { tenant?: { name: string } | null };

const MAX_CHANGES = 6;

function Changes({ event }: { event: AuditRow }) {
  const changes = auditChanges(event.before, event.after);
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="changes">
      {changes.slice(0, MAX_CHANGES).map((change) => (
        <li key={change.field}>
          <span className="key">{change.field}</span>
          <span>
            {change.before !== null ? `${change.before} → ` : ""}
            {change.after ?? "removed"}
          </span>
        </li>
      ))}
      {changes.length > MAX_CHANGES ? <li className="muted">and {changes.length - MAX_CHANGES} more</li> : null}
    </ul>
  );
}

/** Where a tenant admin sees an object of this kind: its own page, else the list it is on. */
const TARGET_PAGES: Record<string, (id: string) => string> = {
  User: (id) => `/console/users/${id}`,
  Group: (id) => `/console/groups/${id}`,
  Pool: (id) => `/console/pools/${id}`,
  Desktop: (id) => `/console/desktops/${id}`,
  AssignmentRule: (id) => `/console/rules/${id}`,
  Policy: () => "/console/policies",
  Location: () => "/console/locations",
  ProtocolPlan: () => "/console/plans",
  PowerPlan: () => "/console/plans",
  ReleasePlan: () => "/console/plans",
  IdentityProvider: () => "/console/identity-providers",
  ApiKey: () => "/console/api-keys",
  ReportSchedule: () => "/console/reports",
  AlertRule: () => "/console/notifications",
};

/** The target's kind and current name, linked while it exists (only in the tenant's own log: its pages are there). */
function Target({ event, linked }: { event: AuditRow; linked: boolean }) {
  if (!event.targetType) return null;
  const page = TARGET_PAGES[event.targetType];
  const name = event.targetName ?? "";
  return (
    <div className="cell-sub">
      {humanize(event.targetType)}
      {name ? " · " : ""}
      {name && linked && page !== undefined && event.targetId && event.targetExists ? (
        <Link href={page(event.targetId)}>{name}</Link>
      ) : (
        name
      )}
      {name && !event.targetExists ? " (removed)" : ""}
    </div>
  );
}

/** Who acted, in the reader's words. */
export const ACTOR_KINDS: Record<ActorType, string> = {
  [ActorType.USER]: "User",
  [ActorType.MSP_STAFF]: "MSP staff inside the tenant",
  [ActorType.API_KEY]: "API key",
  [ActorType.SYSTEM]: "System job",
  [ActorType.AGENT]: "Desktop agent",
};

const LEADING = (linked: boolean): Column<AuditRow>[] => [
  { id: "when", header: "When", className: "nowrap", cell: (event) => formatDateTime(event.createdAt) },
  {
    id: "who",
    header: "Who",
    cell: (event) => (
      <>
        <div className="cell-title">{event.actorName}</div>
        <div className="cell-sub">{ACTOR_KINDS[event.actorType]}</div>
      </>
    ),
  },
  {
    id: "what",
    header: "What",
    cell: (event) => (
      <>
        <Badge tone={event.action.endsWith("failed") ? "danger" : "info"} plain>
          {humanize(event.action)}
        </Badge>
        <Target event={event} linked={linked} />
      </>
    ),
  },
];

const TENANT: Column<AuditRow> = {
  id: "tenant",
  header: "Tenant",
  cell: (event) => event.tenant?.name ?? "Service provider",
};

const CHANGES: Column<AuditRow> = {
  id: "changes",
  header: "Changes",
  secondary: true,
  cell: (event) => <Changes event={event} />,
};

/** Audit events as sentences and field changes; the stored before/after objects are never shown raw. */
export function auditColumns(showTenant: boolean): Column<AuditRow>[] {
  return showTenant ? [...LEADING(false), TENANT, CHANGES] : [...LEADING(true), CHANGES];
}
