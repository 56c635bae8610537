import type { Metadata } from "next";
import { AuditFilter } from "@/components/tables/audit-filter";
import { AuditTable } from "@/components/tables/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { AuditEventsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { filterParams, pageStateOf } from "@/lib/pagination";
import { requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("audit:read");
  const params = await searchParams;
  const filters = filterParams(params, ["action"]);
  const page = pageStateOf(params);
  const { auditEvents } = await query(AuditEventsDocument, {
    first: PAGE_SIZE,
    after: page.after,
    filter: filters.action ? { action: filters.action } : null,
  });
  return (
    <>
      <PageHeader title="Audit log" description="Every change and sign-in in this tenant, newest first." />
      <section className="card" aria-label="Audit events">
        <AuditFilter action={filters.action} clearHref="/console/audit" />
        {auditEvents.nodes.length === 0 ? (
          <EmptyState icon="☰" title="No events" />
        ) : (
          <AuditTable events={auditEvents.nodes} showTenant={false} />
        )}
        <Pager
          state={page}
          base={filters}
          pageSize={PAGE_SIZE}
          shown={auditEvents.nodes.length}
          totalCount={auditEvents.totalCount}
          endCursor={auditEvents.pageInfo.endCursor}
          hasNextPage={auditEvents.pageInfo.hasNextPage}
          noun="events"
        />
      </section>
    </>
  );
}
