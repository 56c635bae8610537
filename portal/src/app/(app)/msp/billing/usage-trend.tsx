import { LazyTrendChart } from "@/components/charts/lazy-charts";
import { EmptyState } from "@/components/ui/empty-state";
import type { UsageTrendQuery } from "@/generated/graphql";
import type { BillingMonth } from "@/lib/billing-period";

type Days = UsageTrendQuery["usageSummary"];

/** Desktop-hours per day of the month, with the month before drawn over it by day of the month. */
export function UsageTrend({ period, now, before }: { period: BillingMonth; now: Days; before: Days }) {
  const byDay = (rows: Days) => new Map(rows.map((row) => [row.day?.slice(8, 10), Number(row.poweredOnHours)]));
  const current = byDay(now);
  const previous = byDay(before);
  const labels = period.days.map((day) => day.slice(8, 10));
  return (
    <section className="card" aria-labelledby="usage-trend">
      <div className="card-header">
        <h2 id="usage-trend">Desktop-hours per day</h2>
      </div>
      <div className="card-body">
        {now.length === 0 && before.length === 0 ? (
          <EmptyState icon="▥" title="No usage in these months">
            <p>Metered hours show here once desktops have run.</p>
          </EmptyState>
        ) : (
          <div className="chart-box">
            <LazyTrendChart
              title={`Desktop-hours per day in ${period.label}, with ${period.previous.label} for comparison`}
              labels={labels}
              series={[
                { label: period.label, values: labels.map((day) => current.get(day) ?? 0) },
                { label: period.previous.label, values: labels.map((day) => previous.get(day) ?? 0), line: true },
              ]}
            />
          </div>
        )}
      </div>
    </section>
  );
}
