import type { Metadata } from "next";
import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  TenantsDocument,
  type UsageChargeFieldsFragment,
  UsageChargesDocument,
  UsageTrendDocument,
} from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { billingMonth } from "@/lib/billing-period";
import { formatAmount, formatChange, formatQuantity, percentChange } from "@/lib/decimal-format";
import type { SearchParams } from "@/lib/list-params";
import { MonthPicker } from "./month-picker";
import { requireMspBilling } from "./msp-billing-access";
import { UsageKpis, usageTotals } from "./usage-kpis";
import { UsageTrend } from "./usage-trend";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Billing & usage" };

interface TenantLine extends UsageChargeFieldsFragment {
  id: string;
  name: string;
  previousHours: string | null;
}

function columns(month: string): Column<TenantLine>[] {
  return [
    {
      id: "tenant",
      header: "Tenant",
      cell: (line) => (
        <Link className="cell-title" href={`/msp/billing/${line.id}?month=${month}`}>
          {line.name}
        </Link>
      ),
    },
    { id: "desktop", header: "Desktop-hours", cell: (line) => formatQuantity(line.poweredOnHours) },
    {
      id: "change",
      header: "Against last month",
      cell: (line) => formatChange(percentChange(line.poweredOnHours, line.previousHours)),
    },
    { id: "vcpu", header: "vCPU-hours", secondary: true, cell: (line) => formatQuantity(line.vcpuHours) },
    { id: "ram", header: "RAM GB-hours", secondary: true, cell: (line) => formatQuantity(line.ramGbHours) },
    { id: "storage", header: "Storage GB-hours", secondary: true, cell: (line) => formatQuantity(line.storageGbHours) },
    { id: "amount", header: "Amount", cell: (line) => formatAmount(line.totalAmount, line.currency) },
  ];
}

/** A tenant that ran desktops last month but not in this one still shows, at zero, so its drop is visible. */
function noUsage(tenantId: string): UsageChargeFieldsFragment {
  return {
    tenantId,
    poolId: null,
    poolName: null,
    flavorRef: null,
    userId: null,
    username: null,
    day: null,
    records: 0,
    ...usageTotals([]),
    assignedHours: "0.000000",
    sessionHours: "0.000000",
    currency: null,
    desktopAmount: null,
    vcpuAmount: null,
    ramAmount: null,
    storageAmount: null,
    totalAmount: null,
  };
}

export default async function BillingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireMspBilling();
  const period = billingMonth((await searchParams).month);
  const [now, before, trend, previousTrend, { tenants }] = await Promise.all([
    query(UsageChargesDocument, { filter: { from: period.from, to: period.to }, groupBy: [] }),
    query(UsageChargesDocument, { filter: { from: period.previous.from, to: period.previous.to }, groupBy: [] }),
    query(UsageTrendDocument, { filter: { from: period.from, to: period.to } }),
    query(UsageTrendDocument, { filter: { from: period.previous.from, to: period.previous.to } }),
    query(TenantsDocument, { first: 200, after: null }),
  ]);
  const previousByTenant = new Map(before.usageCharges.map((row) => [row.tenantId, row.poweredOnHours]));
  const lines: TenantLine[] = tenants.nodes.flatMap((tenant) => {
    const row = now.usageCharges.find((charge) => charge.tenantId === tenant.id);
    const previousHours = previousByTenant.get(tenant.id) ?? null;
    if (!row && !previousHours) return [];
    return [{ ...(row ?? noUsage(tenant.id)), id: tenant.id, name: tenant.name, previousHours }];
  });
  return (
    <>
      <PageHeader
        title="Billing & usage"
        description={`Metered usage of every tenant in ${period.label} (UTC), priced with each tenant's price list.`}
        actions={<MonthPicker period={period} />}
      />
      <UsageKpis
        now={usageTotals(now.usageCharges)}
        before={usageTotals(before.usageCharges)}
        previousLabel={period.previous.label}
      />
      <div style={{ marginBottom: 16 }}>
        <UsageTrend period={period} now={trend.usageSummary} before={previousTrend.usageSummary} />
      </div>
      <ListCard
        title="Tenants"
        description="Open a tenant for its pools, flavors and users, its price list and the invoice lines' export."
        columns={columns(period.month)}
        rows={lines}
        empty={
          <EmptyState icon="▥" title={`No usage in ${period.label}`}>
            <p>Tenants appear here once their desktops have run in the month or the month before.</p>
          </EmptyState>
        }
      />
    </>
  );
}
