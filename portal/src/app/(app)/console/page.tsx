import type { Metadata } from "next";
import Link from "next/link";
import { LazyPoolChart, LazyStateChart } from "@/components/charts/lazy-charts";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AuditEventsDocument, DesktopCountsDocument, PoolsDocument, UsersDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { can, requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

const POOLS_ON_CHART = 12;

/** Sign-ins since midnight UTC, counted from the newest audit events (at most one page). */
async function loginsToday(): Promise<{ count: number; capped: boolean }> {
  const { auditEvents } = await query(AuditEventsDocument, { first: 200, after: null, filter: { action: "signIn" } });
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  const today = auditEvents.nodes.filter((event) => Date.parse(event.createdAt) >= midnight.getTime());
  return { count: today.length, capped: today.length === auditEvents.nodes.length && auditEvents.pageInfo.hasNextPage };
}

export default async function DashboardPage() {
  const viewer = await requirePermission("tenant:read");
  const [counts, { pools }, users, logins] = await Promise.all([
    query(DesktopCountsDocument, {}),
    query(PoolsDocument, { first: POOLS_ON_CHART, after: null }),
    can(viewer, "users:read") ? query(UsersDocument, { first: 1, after: null, filter: null }) : null,
    can(viewer, "audit:read") ? loginsToday() : null,
  ]);
  const states = [
    { label: "Available", value: counts.available.totalCount },
    { label: "Assigned", value: counts.assigned.totalCount },
    { label: "Provisioning", value: counts.provisioning.totalCount },
    { label: "Unavailable", value: counts.unavailable.totalCount },
    { label: "Deleting", value: counts.deleting.totalCount },
  ];
  // The pool list carries each pool's desktop counts (one grouped query for the page, not three per pool).
  const poolBars = pools.nodes.map(({ name, desktopCounts: c }) => ({
    name,
    assigned: c.assigned,
    available: c.available,
    other: Math.max(0, c.total - c.assigned - c.available),
  }));
  const unoffered = pools.nodes.filter((pool) => pool.offeredBy.length === 0);
  const inUse = counts.all.totalCount ? Math.round((counts.assigned.totalCount / counts.all.totalCount) * 100) : 0;
  return (
    <>
      <PageHeader title="Dashboard" description="Desktops, pools and sign-ins of this tenant at a glance." />
      {unoffered.length > 0 ? (
        <div className="alert alert-warning" role="status" style={{ marginBottom: 16 }}>
          No policy offers {unoffered.length === 1 ? "this pool" : "these pools"}, so no user gets{" "}
          {unoffered.length === 1 ? "it" : "them"}:{" "}
          {unoffered.map((pool, index) => (
            <span key={pool.id}>
              {index > 0 ? ", " : ""}
              <Link href={`/console/pools/${pool.id}`}>{pool.name}</Link>
            </span>
          ))}
          .
        </div>
      ) : null}
      <div className="grid grid-4" style={{ marginBottom: 16 }}>
        <div className="card stat">
          <div className="stat-label">Desktops</div>
          <div className="stat-value">{counts.all.totalCount}</div>
          <div className="stat-hint">{counts.available.totalCount} ready to use</div>
        </div>
        <div className="card stat">
          <div className="stat-label">In use now</div>
          <div className="stat-value">{counts.assigned.totalCount}</div>
          <div className="stat-hint">{inUse}% of all desktops</div>
        </div>
        <div className="card stat">
          <div className="stat-label">Pools</div>
          <div className="stat-value">{pools.totalCount}</div>
          <div className="stat-hint">{counts.provisioning.totalCount} desktops provisioning</div>
        </div>
        {logins ? (
          <div className="card stat">
            <div className="stat-label">Sign-ins today</div>
            <div className="stat-value">
              {logins.count}
              {logins.capped ? "+" : ""}
            </div>
            <div className="stat-hint">since midnight UTC</div>
          </div>
        ) : users ? (
          <div className="card stat">
            <div className="stat-label">Users</div>
            <div className="stat-value">{users.users.totalCount}</div>
            <div className="stat-hint">with access to this tenant</div>
          </div>
        ) : null}
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="chart-states">
          <div className="card-header">
            <h2 id="chart-states">Desktops by state</h2>
          </div>
          <div className="card-body">
            {counts.all.totalCount === 0 ? (
              <EmptyState icon="◔" title="No desktops yet">
                <p>Desktops appear as soon as a pool creates them.</p>
              </EmptyState>
            ) : (
              <div className="chart-box">
                <LazyStateChart states={states.filter((state) => state.value > 0)} />
              </div>
            )}
          </div>
        </section>
        <section className="card" aria-labelledby="chart-pools">
          <div className="card-header">
            <h2 id="chart-pools">Pool utilisation</h2>
            <Link className="btn btn-sm" style={{ marginLeft: "auto" }} href="/console/pools">
              All pools
            </Link>
          </div>
          <div className="card-body">
            {poolBars.length === 0 ? (
              <EmptyState icon="▦" title="No pools yet">
                <p>Once a pool exists, its desktops in use and available show here.</p>
              </EmptyState>
            ) : (
              <div className="chart-box">
                <LazyPoolChart pools={poolBars} />
              </div>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
