import type { Metadata } from "next";
import Link from "next/link";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { DesktopSessionsDocument, PoolsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime, formatDuration, humanize } from "@/lib/format";
import { filterParams, pageStateOf } from "@/lib/pagination";
import { requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

const PAGE_SIZE = 25;
const STATES = ["active", "idle", "locked", "disconnected", "pending", "ended"];

export default async function SessionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("sessions:read");
  const params = await searchParams;
  const filters = filterParams(params, ["view", "pool", "state"]);
  const page = pageStateOf(params);
  // "Now" (open sessions) is the default view; "all" is the history, newest first.
  const history = filters.view === "all";
  const [{ desktopSessions }, { pools }] = await Promise.all([
    query(DesktopSessionsDocument, {
      first: PAGE_SIZE,
      after: page.after,
      filter: { openOnly: !history, poolId: filters.pool ?? null, state: filters.state ?? null },
    }),
    query(PoolsDocument, { first: 200, after: null }),
  ]);
  const filtered = Boolean(filters.pool || filters.state);
  return (
    <>
      <PageHeader
        title="Sessions"
        description="Who is on which desktop now, and every session before."
        actions={
          <nav className="segmented" aria-label="View">
            <Link href="/console/sessions" aria-current={history ? undefined : "page"}>
              Now
            </Link>
            <Link href="/console/sessions?view=all" aria-current={history ? "page" : undefined}>
              History
            </Link>
          </nav>
        }
      />
      <section className="card" aria-label="Session list">
        <form className="toolbar" method="get" aria-label="Filters">
          {history ? <input type="hidden" name="view" value="all" /> : null}
          <div className="field">
            <label htmlFor="session-pool">Pool</label>
            <select id="session-pool" name="pool" defaultValue={filters.pool ?? ""}>
              <option value="">All pools</option>
              {pools.nodes.map((pool) => (
                <option key={pool.id} value={pool.id}>
                  {pool.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="session-state">State</label>
            <select id="session-state" name="state" defaultValue={filters.state ?? ""}>
              <option value="">Any</option>
              {STATES.filter((state) => history || state !== "ended").map((state) => (
                <option key={state} value={state}>
                  {humanize(state)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn">
            Apply
          </button>
          {filtered ? (
            <Link className="btn btn-ghost" href={history ? "/console/sessions?view=all" : "/console/sessions"}>
              Clear
            </Link>
          ) : null}
        </form>
        {desktopSessions.nodes.length === 0 ? (
          <EmptyState icon="◷" title={history ? "No sessions match" : "Nobody is connected right now"}>
            <p>{history ? "Change or clear the filters." : "Sessions appear here while users work on desktops."}</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Desktop</th>
                  <th scope="col">State</th>
                  <th scope="col" className="hide-sm">
                    Connection
                  </th>
                  <th scope="col" className="hide-sm">
                    Started
                  </th>
                  <th scope="col">Duration</th>
                </tr>
              </thead>
              <tbody>
                {desktopSessions.nodes.map((session) => (
                  <tr key={session.id}>
                    <td>
                      <div className="cell-title">{session.username}</div>
                      {session.rogue ? <Badge tone="warning">Not arranged by the broker</Badge> : null}
                    </td>
                    <td>
                      {session.desktopName ? (
                        <Link href={`/console/desktops/${session.desktopId}`}>{session.desktopName}</Link>
                      ) : (
                        <span className="muted">Deleted desktop</span>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={session.state} />
                      {session.endReason ? <div className="cell-sub">{humanize(session.endReason)}</div> : null}
                    </td>
                    <td className="hide-sm">
                      {session.protocol ?? "—"}
                      {session.viaGateway ? " via gateway" : ""}
                      <div className="cell-sub mono">{session.clientIp ?? ""}</div>
                    </td>
                    <td className="hide-sm">{formatDateTime(session.startedAt)}</td>
                    <td>{formatDuration(session.durationSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          state={page}
          base={filters}
          pageSize={PAGE_SIZE}
          shown={desktopSessions.nodes.length}
          totalCount={desktopSessions.totalCount}
          endCursor={desktopSessions.pageInfo.endCursor}
          hasNextPage={desktopSessions.pageInfo.hasNextPage}
          noun="sessions"
        />
      </section>
    </>
  );
}
