import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { StatusBadge } from "@/components/ui/badge";
import type { TenantOverviewQuery } from "@/generated/graphql";
import { formatQuantity } from "@/lib/decimal-format";
import { formatDateTime } from "@/lib/format";

export type TenantRow = TenantOverviewQuery["tenantOverview"]["rows"][number] & { id: string };

export const TENANT_COLUMNS: Column<TenantRow>[] = [
  {
    id: "tenant",
    header: "Tenant",
    cell: ({ tenant }) => (
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
  { id: "status", header: "Status", cell: ({ tenant }) => <StatusBadge status={tenant.status} /> },
  {
    id: "desktops",
    header: "Desktops",
    cell: (row) => (
      <>
        <div>{row.desktops}</div>
        <div className="cell-sub">
          {row.assignedDesktops} assigned · {row.availableDesktops} free
          {row.quotaUsePercent !== null ? ` · ${row.quotaUsePercent}% of limit` : ""}
        </div>
      </>
    ),
  },
  { id: "sessions", header: "Sessions now", cell: (row) => row.sessionsNow },
  {
    id: "usage",
    header: "Desktop-hours this month",
    cell: (row) => <Link href={`/msp/billing/${row.tenant.id}`}>{formatQuantity(row.desktopHoursThisMonth)}</Link>,
  },
  { id: "alerts", header: "Open alerts", secondary: true, cell: (row) => row.openAlerts },
  {
    id: "signin",
    header: "Last sign-in",
    secondary: true,
    className: "nowrap",
    cell: (row) => (row.lastSignInAt ? formatDateTime(row.lastSignInAt) : "Never"),
  },
];
