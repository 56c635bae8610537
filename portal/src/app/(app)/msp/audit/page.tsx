import type { Metadata } from "next";
import { AuditFilter } from "@/components/tables/audit-filter";
import { AuditTable } from "@/components/tables/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { MspAuditEventsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { filterParams, pageStateOf } from "@/lib/pagination";
import { requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "MSP audit log" };

const PAGE_SIZE = 50;

export default async function MspAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("mspAudit:read");
  const params = await searchParams;
  const filters = filterParams(params, ["action"]);
  const page = pageStateOf(params);
  const { mspAuditEvents } = await query(MspAuditEventsDocument, {
    first: PAGE_SIZE,
    after: page.after,
    filter: filters.action ? { action: filters.action } : null,
  });
  return (
    <>
      <PageHeader title="Audit log" description="Every event of the installation, across all tenants, newest first." />
      <section className="card" aria-label="Audit events">
        <AuditFilter action={filters.action} clearHref="/msp/audit" />
        {mspAuditEvents.nodes.length === 0 ? (
          <EmptyState icon="☰" title="No events" />
        ) : (
          <AuditTable events={mspAuditEvents.nodes} showTenant />
        )}
        <Pager
          state={page}
          base={filters}
          pageSize={PAGE_SIZE}
          shown={mspAuditEvents.nodes.length}
          totalCount={mspAuditEvents.totalCount}
          endCursor={mspAuditEvents.pageInfo.endCursor}
          hasNextPage={mspAuditEvents.pageInfo.hasNextPage}
          noun="events"
        />
      </section>
    </>
  );
}
