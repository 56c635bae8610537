import type { Metadata } from "next";
import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TenantsDocument, type TenantsQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDate } from "@/lib/format";
import { listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";
import { EnterTenantButton } from "./enter-tenant-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tenants" };

type Tenant = TenantsQuery["tenants"]["nodes"][number];

const COLUMNS: Column<Tenant>[] = [
  {
    id: "tenant",
    header: "Tenant",
    cell: (tenant) => (
      <div className="row" style={{ flexWrap: "nowrap" }}>
        <span
          aria-hidden="true"
          style={{ width: 10, height: 10, borderRadius: 3, background: tenant.brandColor ?? "#94a3b8" }}
        />
        <div>
          <Link className="cell-title" href={`/msp/tenants/${tenant.id}`}>
            {tenant.name}
          </Link>
          <div className="cell-sub">/t/{tenant.slug}</div>
        </div>
      </div>
    ),
  },
  { id: "status", header: "Status", cell: (tenant) => <StatusBadge status={tenant.status} /> },
  {
    id: "project",
    header: "VHI project",
    secondary: true,
    cell: (tenant) =>
      tenant.vhiProject ? (
        <span className="mono">
          {tenant.vhiDomain}/{tenant.vhiProject}
        </span>
      ) : (
        <Badge tone="warning">Not mapped</Badge>
      ),
  },
  { id: "limit", header: "Desktop limit", secondary: true, cell: (tenant) => tenant.maxDesktops ?? "No limit" },
  { id: "since", header: "Since", secondary: true, cell: (tenant) => formatDate(tenant.createdAt) },
];

export default async function TenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("tenants:read");
  const params = await searchParams;
  const list = listParams(params);
  const { tenants } = await query(TenantsDocument, list.args);
  return (
    <>
      <PageHeader
        title="Tenants"
        description="The organisations you host, their cloud projects and limits."
        link={
          can(viewer, "tenants:write") ? { href: "/msp/tenants/new", label: "+ Onboard tenant", primary: true } : null
        }
      />
      <Banner show={Boolean(params.deleted)}>The tenant was deleted.</Banner>
      <ListCard
        label="Tenant list"
        columns={COLUMNS}
        rows={tenants}
        actions={
          can(viewer, "tenants:enter")
            ? (tenant) => <EnterTenantButton tenantId={tenant.id} label="Enter console" />
            : undefined
        }
        pager={{ list, noun: "tenants" }}
        empty={
          <EmptyState icon="▤" title="No tenants yet">
            <p>Onboard your first customer to give them desktops.</p>
          </EmptyState>
        }
      />
    </>
  );
}
