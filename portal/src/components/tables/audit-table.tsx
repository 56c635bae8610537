import type { AuditFieldsFragment } from "@/generated/graphql";
import { auditChanges, formatDateTime, humanize } from "@/lib/format";
import { Badge } from "../ui/badge";

type AuditRow = AuditFieldsFragment & { tenant?: { name: string } | null };

/** Audit events as sentences and field changes; the stored before/after objects are never shown raw. */
export function AuditTable({ events, showTenant }: { events: AuditRow[]; showTenant: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            {showTenant ? <th scope="col">Tenant</th> : null}
            <th scope="col" className="hide-sm">
              Changes
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const changes = auditChanges(event.before, event.after);
            return (
              <tr key={event.id}>
                <td style={{ whiteSpace: "nowrap" }}>{formatDateTime(event.createdAt)}</td>
                <td>
                  <div className="cell-title">{event.actorName}</div>
                  <div className="cell-sub">{humanize(event.actorType)}</div>
                </td>
                <td>
                  <Badge tone={event.action.endsWith("failed") ? "danger" : "info"} plain>
                    {humanize(event.action)}
                  </Badge>
                  {event.targetType ? <div className="cell-sub">{humanize(event.targetType)}</div> : null}
                </td>
                {showTenant ? <td>{event.tenant?.name ?? "Service provider"}</td> : null}
                <td className="hide-sm">
                  {changes.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="changes">
                      {changes.slice(0, 6).map((change) => (
                        <li key={change.field}>
                          <span className="key">{change.field}</span>
                          <span>
                            {change.before !== null ? `${change.before} → ` : ""}
                            {change.after ?? "removed"}
                          </span>
                        </li>
                      ))}
                      {changes.length > 6 ? <li className="muted">and {changes.length - 6} more</li> : null}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
