import type { Column } from "@/components/lists/data-table";
import type { AuditFieldsFragment } from "@/generated/graphql";
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

const LEADING: Column<AuditRow>[] = [
  { id: "when", header: "When", className: "nowrap", cell: (event) => formatDateTime(event.createdAt) },
  {
    id: "who",
    header: "Who",
    cell: (event) => (
      <>
        <div className="cell-title">{event.actorName}</div>
        <div className="cell-sub">{humanize(event.actorType)}</div>
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
        {event.targetType ? <div className="cell-sub">{humanize(event.targetType)}</div> : null}
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
  return showTenant ? [...LEADING, TENANT, CHANGES] : [...LEADING, CHANGES];
}
