import type { Metadata } from "next";
import { AUDIT_PAGE_SIZE, AuditList } from "@/components/tables/audit-list";
import { PageHeader } from "@/components/ui/page-header";
import { MspAuditEventsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { AUDIT_FILTERS, auditFilterOf } from "@/lib/audit-filter";
import { listParams, type SearchParams } from "@/lib/list-params";
import { requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "MSP audit log" };

export default async function MspAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("mspAudit:read");
  const list = listParams(await searchParams, { filters: AUDIT_FILTERS, pageSize: AUDIT_PAGE_SIZE });
  const { mspAuditEvents } = await query(MspAuditEventsDocument, {
    ...list.args,
    filter: auditFilterOf(list.filters),
  });
  return (
    <>
      <PageHeader title="Audit log" description="Every event of the installation, across all tenants, newest first." />
      <AuditList events={mspAuditEvents} list={list} showTenant />
    </>
  );
}
