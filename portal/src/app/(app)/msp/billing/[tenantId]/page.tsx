import type { Metadata } from "next";
import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import {
  PriceListDocument,
  TenantDocument,
  type UsageChargeFieldsFragment,
  UsageChargesDocument,
  UsageTrendDocument,
} from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { billingMonth } from "@/lib/billing-period";
import { formatAmount, formatQuantity, sumDecimals } from "@/lib/decimal-format";
import type { SearchParams } from "@/lib/list-params";
import { can } from "@/lib/viewer";
import { MonthPicker } from "../month-picker";
import { requireMspBilling } from "../msp-billing-access";
import { UsageKpis, usageTotals } from "../usage-kpis";
import { UsageTrend } from "../usage-trend";
import { PriceListForm } from "./price-list-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tenant billing" };

type Line = UsageChargeFieldsFragment & { id: string };

const quantityColumns: Column<Line>[] = [
  { id: "desktop", header: "Desktop-hours", cell: (line) => formatQuantity(line.poweredOnHours) },
  { id: "vcpu", header: "vCPU-hours", cell: (line) => formatQuantity(line.vcpuHours) },
  { id: "ram", header: "RAM GB-hours", secondary: true, cell: (line) => formatQuantity(line.ramGbHours) },
  { id: "storage", header: "Storage GB-hours", secondary: true, cell: (line) => formatQuantity(line.storageGbHours) },
  { id: "amount", header: "Amount", cell: (line) => formatAmount(line.totalAmount, line.currency) },
];

function poolColumns(tenantId: string, month: string): Column<Line>[] {
  return [
    {
      id: "pool",
      header: "Pool",
      cell: (line) => (
        <Link className="cell-title" href={`/msp/billing/${tenantId}?month=${month}&pool=${line.poolId}`}>
          {line.poolName}
        </Link>
      ),
    },
    { id: "flavor", header: "Flavor", cell: (line) => <span className="mono">{line.flavorRef}</span> },
    ...quantityColumns,
  ];
}

const userColumns: Column<Line>[] = [
  { id: "user", header: "User", cell: (line) => line.username ?? <span className="muted">(unassigned)</span> },
  { id: "session", header: "Session-hours", secondary: true, cell: (line) => formatQuantity(line.sessionHours) },
  ...quantityColumns,
];

const withIds = (rows: UsageChargeFieldsFragment[], key: (row: UsageChargeFieldsFragment) => string): Line[] =>
  rows.map((row) => ({ ...row, id: key(row) }));

export default async function TenantBillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requireMspBilling();
  const { tenantId } = await params;
  const search = await searchParams;
  const period = billingMonth(search.month);
  const poolId = typeof search.pool === "string" && search.pool ? search.pool : null;
  const { tenant } = await query(TenantDocument, { id: tenantId });
  const month = { from: period.from, to: period.to, tenantId, poolId };
  const previous = { from: period.previous.from, to: period.previous.to, tenantId, poolId };
  const [byPool, before, byUser, trend, previousTrend, { priceList }] = await Promise.all([
    query(UsageChargesDocument, { filter: month, groupBy: ["POOL", "FLAVOR"] }),
    query(UsageChargesDocument, { filter: previous, groupBy: [] }),
    query(UsageChargesDocument, { filter: month, groupBy: ["USER"] }),
    query(UsageTrendDocument, { filter: month }),
    query(UsageTrendDocument, { filter: previous }),
    query(PriceListDocument, { tenantId }),
  ]);
  const pools = withIds(byPool.usageCharges, (row) => `${row.poolId}|${row.flavorRef}`);
  const users = withIds(byUser.usageCharges, (row) => row.userId ?? "unassigned");
  const poolName = poolId ? (pools[0]?.poolName ?? "this pool") : null;
  const amounts = byPool.usageCharges.flatMap((row) => (row.totalAmount ? [row.totalAmount] : []));
  const download = (format: "csv" | "pdf") =>
    `/reports/download?${new URLSearchParams({
      report: "usage",
      format,
      from: period.firstDay,
      to: period.lastDay,
      tenantId,
    })}`;
  return (
    <>
      <PageHeader
        title={poolName ? `${tenant.name}: ${poolName}` : tenant.name}
        description={`Usage in ${period.label} (UTC) by pool, flavor and user.`}
        crumbs={[
          { href: `/msp/billing?month=${period.month}`, label: "Billing & usage" },
          ...(poolId ? [{ href: `/msp/billing/${tenantId}?month=${period.month}`, label: tenant.name }] : []),
        ]}
        actions={
          <>
            <a className="btn" href={download("csv")} download>
              Download CSV
            </a>
            <a className="btn" href={download("pdf")} download>
              Download PDF
            </a>
          </>
        }
      />
      <MonthPicker period={period} keep={poolId ? { pool: poolId } : {}} />
      <UsageKpis
        now={usageTotals(byPool.usageCharges)}
        before={usageTotals(before.usageCharges)}
        previousLabel={period.previous.label}
        amount={{ value: amounts.length ? sumDecimals(amounts) : null, currency: priceList?.currency ?? null }}
      />
      <div style={{ marginBottom: 16 }}>
        <UsageTrend period={period} now={trend.usageSummary} before={previousTrend.usageSummary} />
      </div>
      <div className="stack" style={{ gap: 16 }}>
        <ListCard
          title="By pool and flavor"
          description="The invoice lines; open a pool for its users."
          columns={poolColumns(tenantId, period.month)}
          rows={pools}
          empty={
            <EmptyState icon="▦" title={`No usage in ${period.label}`}>
              <p>Pools appear once their desktops have run this month.</p>
            </EmptyState>
          }
        />
        <ListCard
          title={poolName ? `Users of ${poolName}` : "By user"}
          columns={userColumns}
          rows={users}
          empty={
            <EmptyState icon="◉" title="No user held a desktop">
              <p>Time no one held a desktop counts as unassigned.</p>
            </EmptyState>
          }
        />
        {can(viewer, "billing:write") ? (
          <SectionCard title="Price list">
            <PriceListForm tenantId={tenantId} prices={priceList ?? null} />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
