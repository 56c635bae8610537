import { FilterToolbar } from "@/components/lists/filter-toolbar";
import { type Connection, ListCard } from "@/components/lists/list-card";
import { EmptyState } from "@/components/ui/empty-state";
import { AUDIT_TARGET_KINDS } from "@/lib/audit-filter";
import { type ListParams, linkParams } from "@/lib/list-params";
import { type AuditRow, auditColumns } from "./audit-columns";

export const AUDIT_PAGE_SIZE = 50;

/**
 * The tenant's and the MSP's audit logs: one list, filtered by actor (any part of the name), exact action, kind of
 * target and period, paged by the API; the export link downloads the same filtered set as CSV.
 */
export function AuditList({
  events,
  list,
  showTenant,
}: {
  events: Connection<AuditRow>;
  list: ListParams;
  showTenant: boolean;
}) {
  const exportHref = `/audit/export?${new URLSearchParams({
    ...linkParams(list),
    scope: showTenant ? "msp" : "tenant",
  }).toString()}`;
  return (
    <ListCard
      label="Audit events"
      toolbar={
        <>
          <FilterToolbar
            id="audit"
            list={list}
            submitLabel="Filter"
            fields={[
              { type: "search", name: "actor", label: "Who", placeholder: "user, api-key:…, job" },
              { type: "search", name: "action", label: "Action", placeholder: "e.g. signIn, createUser" },
              { type: "select", name: "target", label: "About", options: AUDIT_TARGET_KINDS, anyLabel: "Anything" },
              { type: "date", name: "from", label: "From" },
              { type: "date", name: "to", label: "To" },
            ]}
          />
          {/* A plain link: the route streams the file with the session's token, which never reaches the browser. */}
          <a className="btn btn-ghost" href={exportHref} download>
            Export CSV
          </a>
        </>
      }
      columns={auditColumns(showTenant)}
      rows={events}
      pager={{ list, noun: "events" }}
      empty={<EmptyState icon="☰" title={list.filtered ? "No events match" : "No events"} />}
    />
  );
}
