import type { Metadata } from "next";
import { AUDIT_PAGE_SIZE, AuditList } from "@/components/tables/audit-list";
import { PageHeader } from "@/components/ui/page-header";
import { AuditEventsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { AUDIT_FILTERS, auditFilterOf } from "@/lib/audit-filter";
import { listParams, type SearchParams } from "@/lib/list-params";
import { requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("audit:read");
  const list = listParams(await searchParams, { filters: AUDIT_FILTERS, pageSize: AUDIT_PAGE_SIZE });
  const { auditEvents } = await query(AuditEventsDocument, {
    ...list.args,
    filter: auditFilterOf(list.filters),
  });
  return (
    <>
      <PageHeader title="Audit log" description="Every change and sign-in in this tenant, newest first." />
      <AuditList events={auditEvents} list={list} showTenant={false} />
    </>
  );
}
