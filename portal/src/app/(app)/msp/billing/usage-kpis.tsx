import type { UsageChargeFieldsFragment } from "@/generated/graphql";
import { formatAmount, formatChange, formatQuantity, percentChange, sumDecimals } from "@/lib/decimal-format";

type Totals = Pick<UsageChargeFieldsFragment, "poweredOnHours" | "vcpuHours" | "ramGbHours" | "storageGbHours">;

const KPIS: { key: keyof Totals; label: string }[] = [
  { key: "poweredOnHours", label: "Desktop-hours" },
  { key: "vcpuHours", label: "vCPU-hours" },
  { key: "ramGbHours", label: "RAM GB-hours" },
  { key: "storageGbHours", label: "Storage GB-hours" },
];

/** The quantities of several rows summed exactly (the API's rows are exact; so are these totals). */
export function usageTotals(rows: readonly Totals[]): Totals {
  const sum = (key: keyof Totals) => sumDecimals(rows.map((row) => row[key]));
  return {
    poweredOnHours: sum("poweredOnHours"),
    vcpuHours: sum("vcpuHours"),
    ramGbHours: sum("ramGbHours"),
    storageGbHours: sum("storageGbHours"),
  };
}

/** The month's totals beside last month's, and the amount when one currency prices them all. */
export function UsageKpis({
  now,
  before,
  previousLabel,
  amount,
}: {
  now: Totals;
  before: Totals | null;
  previousLabel: string;
  amount?: { value: string | null; currency: string | null } | null;
}) {
  return (
    <div className="grid grid-4" style={{ marginBottom: 16 }}>
      {KPIS.map(({ key, label }) => (
        <div className="card stat" key={key}>
          <div className="stat-label">{label}</div>
          <div className="stat-value" data-testid={`kpi-${key}`}>
            {formatQuantity(now[key])}
          </div>
          <div className="stat-hint">
            {formatChange(percentChange(now[key], before?.[key]))} against {previousLabel} (
            {formatQuantity(before?.[key] ?? "0")})
          </div>
        </div>
      ))}
      {amount ? (
        <div className="card stat">
          <div className="stat-label">Amount</div>
          <div className="stat-value">{formatAmount(amount.value, amount.currency)}</div>
          <div className="stat-hint">
            {amount.currency ? `from the price list (${amount.currency})` : "no price list"}
          </div>
        </div>
      ) : null}
    </div>
  );
}
