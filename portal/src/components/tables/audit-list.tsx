import { FilterToolbar } from "@/components/lists/filter-toolbar";
import { type Connection, ListCard } from "@/components/lists/list-card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ListParams } from "@/lib/list-params";
import { type AuditRow, auditColumns } from "./audit-columns";

export const AUDIT_FILTERS = ["action"];
export const AUDIT_PAGE_SIZE = 50;

/** The tenant's and the MSP's audit logs: one list, filtered by the exact action name (`signIn`, `createUser`). */
export function AuditList({
  events,
  list,
  showTenant,
}: {
  events: Connection<AuditRow>;
  list: ListParams;
  showTenant: boolean;
}) {
  return (
    <ListCard
      label="Audit events"
      toolbar={
        <FilterToolbar
          id="audit"
          list={list}
          submitLabel="Filter"
          fields={[{ type: "search", name: "action", label: "Action", placeholder: "e.g. signIn, createUser" }]}
        />
      }
      columns={auditColumns(showTenant)}
      rows={events}
      pager={{ list, noun: "events" }}
      empty={<EmptyState icon="☰" title="No events" />}
    />
  );
}
