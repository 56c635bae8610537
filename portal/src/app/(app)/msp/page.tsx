import type { Metadata } from "next";
import Link from "next/link";
import { FilterToolbar } from "@/components/lists/filter-toolbar";
import { ListCard } from "@/components/lists/list-card";
import { Banner } from "@/components/ui/banner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { FleetOverviewDocument, TenantOverviewDocument, TenantOverviewSort, TenantStatus } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";
import { EnterTenantButton } from "./enter-tenant-button";
import { ActivityChart, CloudHealth, FleetKpis } from "./fleet-panels";
import { TENANT_COLUMNS } from "./tenant-overview-columns";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

const PAGE_SIZE = 25;

const SORTS = [
  { value: TenantOverviewSort.NAME, label: "Name" },
  { value: TenantOverviewSort.DESKTOPS, label: "Desktops" },
  { value: TenantOverviewSort.SESSIONS, label: "Sessions now" },
  { value: TenantOverviewSort.USAGE, label: "Desktop-hours this month" },
  { value: TenantOverviewSort.ALERTS, label: "Open alerts" },
  { value: TenantOverviewSort.LAST_SIGN_IN, label: "Last sign-in" },
];

/** Offset pages: the table sorts by figures the API computes, so its pages are numbered, not cursors. */
function OffsetPager({ base, page, total }: { base: Record<string, string>; page: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (to: number) => `?${new URLSearchParams({ ...base, page: String(to) })}`;
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  return (
    <nav className="pager" aria-label="tenants pages">
      <span>
        {total === 0 ? "No tenants" : `Showing ${from}–${Math.min(total, page * PAGE_SIZE)} of ${total} tenants`}
      </span>
      <div className="row">
        {page > 1 ? (
          <Link className="btn btn-sm" href={href(page - 1)} rel="prev">
            ← Previous
          </Link>
        ) : null}
        <span>
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link className="btn btn-sm" href={href(page + 1)} rel="next">
            Next →
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

export default async function MspOverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("tenants:read");
  const params = await searchParams;
  const list = listParams(params, { filters: ["q", "status", "sort", "order"] });
  const page = Math.max(1, Math.min(4_000, Number.parseInt(String(params.page ?? "1"), 10) || 1));
  const sort = enumValue(TenantOverviewSort, list.filters.sort) ?? TenantOverviewSort.NAME;
  const [{ fleetOverview }, { tenantOverview }] = await Promise.all([
    query(FleetOverviewDocument, {}),
    query(TenantOverviewDocument, {
      search: list.filters.q ?? null,
      status: enumValue(TenantStatus, list.filters.status) ?? null,
      sort,
      descending: list.filters.order === "desc",
      first: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  ]);
  const rows = tenantOverview.rows.map((row) => ({ ...row, id: row.tenant.id }));
  return (
    <>
      <PageHeader
        title="Overview"
        description="Your tenants, their desktops and usage, and the health of your clouds."
        link={
          can(viewer, "tenants:write") ? { href: "/msp/tenants/new", label: "+ Onboard tenant", primary: true } : null
        }
      />
      <Banner show={Boolean(params.deleted)}>The tenant was deleted.</Banner>
      <FleetKpis totals={fleetOverview.totals} />
      <div className="grid grid-2" style={{ marginBottom: 16 }}>
        <ActivityChart activity={fleetOverview.activity} />
        <CloudHealth clouds={fleetOverview.clouds} />
      </div>
      <ListCard
        title="Tenants"
        toolbar={
          <FilterToolbar
            id="tenants"
            list={list}
            fields={[
              { type: "search", name: "q", label: "Search", placeholder: "Name or sign-in name" },
              {
                type: "select",
                name: "status",
                label: "Status",
                anyLabel: "Any status",
                options: [
                  { value: TenantStatus.ACTIVE, label: "Active" },
                  { value: TenantStatus.SUSPENDED, label: "Suspended" },
                ],
              },
              { type: "select", name: "sort", label: "Sort by", anyLabel: "Name", options: SORTS.slice(1) },
              {
                type: "select",
                name: "order",
                label: "Order",
                anyLabel: "Ascending",
                options: [{ value: "desc", label: "Descending" }],
              },
            ]}
          />
        }
        columns={TENANT_COLUMNS}
        rows={rows}
        actions={
          can(viewer, "tenants:enter")
            ? (row) => <EnterTenantButton tenantId={row.tenant.id} label="Enter console" />
            : undefined
        }
        empty={
          list.filtered ? (
            <EmptyState icon="▤" title="No tenant matches">
              <p>Change the search or the status filter.</p>
            </EmptyState>
          ) : (
            <EmptyState icon="▤" title="No tenants yet">
              <p>Onboard your first customer to give them desktops.</p>
            </EmptyState>
          )
        }
        footer={<OffsetPager base={list.filters} page={page} total={tenantOverview.totalCount} />}
      />
    </>
  );
}
