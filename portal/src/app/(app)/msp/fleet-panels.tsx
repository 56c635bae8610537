import { LazyTrendChart } from "@/components/charts/lazy-charts";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { FleetOverviewQuery } from "@/generated/graphql";
import { formatQuantity } from "@/lib/decimal-format";
import { formatDateTime } from "@/lib/format";

type Overview = FleetOverviewQuery["fleetOverview"];

export function FleetKpis({ totals }: { totals: Overview["totals"] }) {
  const stats = [
    { label: "Tenants", value: totals.tenants, hint: `${totals.activeTenants} active` },
    {
      label: "Desktops",
      value: totals.desktops,
      hint: `${totals.assignedDesktops} assigned · ${totals.availableDesktops} available · ${totals.otherDesktops} other`,
    },
    { label: "Sessions now", value: totals.sessionsNow, hint: "open desktop sessions" },
    {
      label: "Desktop-hours this month",
      value: formatQuantity(totals.desktopHoursThisMonth),
      hint: "metered since the 1st (UTC)",
    },
    { label: "Open alerts", value: totals.openAlerts, hint: "across tenants and the MSP" },
  ];
  return (
    <div className="grid grid-4" style={{ marginBottom: 16 }}>
      {stats.map((stat) => (
        <div className="card stat" key={stat.label}>
          <div className="stat-label">{stat.label}</div>
          <div className="stat-value" data-testid={`fleet-${stat.label}`}>
            {stat.value}
          </div>
          <div className="stat-hint">{stat.hint}</div>
        </div>
      ))}
    </div>
  );
}

export function CloudHealth({ clouds }: { clouds: Overview["clouds"] }) {
  return (
    <section className="card" aria-labelledby="cloud-health">
      <div className="card-header">
        <h2 id="cloud-health">Cloud health</h2>
      </div>
      {clouds.length === 0 ? (
        <div className="card-body">
          <EmptyState icon="☁" title="No clouds registered">
            <p>Register a VHI cluster under Clouds to host desktops.</p>
          </EmptyState>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data" aria-labelledby="cloud-health">
            <thead>
              <tr>
                <th scope="col">Cloud</th>
                <th scope="col">Status</th>
                <th scope="col">Last check</th>
              </tr>
            </thead>
            <tbody>
              {clouds.map((cloud) => (
                <tr key={cloud.id}>
                  <td>
                    <div className="cell-title">{cloud.name}</div>
                    {cloud.statusMessage ? <div className="cell-sub">{cloud.statusMessage}</div> : null}
                  </td>
                  <td>
                    <StatusBadge status={cloud.status} />
                  </td>
                  <td className="nowrap">{cloud.lastCheckedAt ? formatDateTime(cloud.lastCheckedAt) : "Never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ActivityChart({ activity }: { activity: Overview["activity"] }) {
  return (
    <section className="card" aria-labelledby="fleet-activity">
      <div className="card-header">
        <h2 id="fleet-activity">Sessions and sign-ins, last 30 days</h2>
      </div>
      <div className="card-body">
        <div className="chart-box">
          <LazyTrendChart
            title="Desktop sessions started and sign-ins per day over the last 30 days"
            labels={activity.map((day) => day.day.slice(5))}
            series={[
              { label: "Sessions", values: activity.map((day) => day.sessions) },
              { label: "Sign-ins", values: activity.map((day) => day.signIns), line: true },
              { label: "Refused sign-ins", values: activity.map((day) => day.failedSignIns), line: true },
            ]}
          />
        </div>
      </div>
    </section>
  );
}
