import type { Metadata } from "next";
import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { FilterToolbar } from "@/components/lists/filter-toolbar";
import { ListCard } from "@/components/lists/list-card";
import { poolFilter } from "@/components/tables/pool-filter";
import { sessionFactColumns } from "@/components/tables/session-columns";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  DesktopSessionState,
  DesktopSessionsDocument,
  type DesktopSessionsQuery,
  PoolsDocument,
} from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { enumOptions, enumValue } from "@/lib/enums";
import { listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";
import { SessionActions } from "../users/[id]/support-panels";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

const STATES = enumOptions<DesktopSessionState>({
  ACTIVE: "Active",
  IDLE: "Idle",
  LOCKED: "Locked",
  DISCONNECTED: "Disconnected",
  PENDING: "Pending",
  ENDED: "Ended",
});

type Session = DesktopSessionsQuery["desktopSessions"]["nodes"][number];

const COLUMNS: Column<Session>[] = [
  {
    id: "user",
    header: "User",
    cell: (session) => (
      <>
        {session.userId ? (
          <Link className="cell-title" href={`/console/users/${session.userId}`}>
            {session.username}
          </Link>
        ) : (
          <div className="cell-title">{session.username}</div>
        )}
        {session.rogue ? <Badge tone="warning">Not arranged by the broker</Badge> : null}
      </>
    ),
  },
  {
    id: "desktop",
    header: "Desktop",
    cell: (session) =>
      session.desktopName ? (
        <Link href={`/console/desktops/${session.desktopId}`}>{session.desktopName}</Link>
      ) : (
        <span className="muted">Deleted desktop</span>
      ),
  },
  ...sessionFactColumns<Session>(),
];

export default async function SessionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("sessions:read");
  const list = listParams(await searchParams, { filters: ["pool", "state"], keep: ["view"] });
  // "Now" (open sessions) is the default view; "all" is the history, newest first.
  const history = list.keep.view === "all";
  const [{ desktopSessions }, { pools }] = await Promise.all([
    query(DesktopSessionsDocument, {
      ...list.args,
      filter: {
        openOnly: !history,
        poolId: list.filters.pool ?? null,
        state: enumValue(DesktopSessionState, list.filters.state) ?? null,
      },
    }),
    query(PoolsDocument, { first: 200, after: null }),
  ]);
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
      <ListCard
        label="Session list"
        toolbar={
          <FilterToolbar
            id="session"
            list={list}
            fields={[
              poolFilter(pools.nodes),
              {
                type: "select",
                name: "state",
                label: "State",
                anyLabel: "Any",
                options: STATES.filter((state) => history || state.value !== DesktopSessionState.ENDED),
              },
            ]}
          />
        }
        columns={COLUMNS}
        rows={desktopSessions}
        actions={
          can(viewer, "users:support")
            ? (session) => <SessionActions session={session} userId={session.userId} />
            : undefined
        }
        pager={{ list, noun: "sessions" }}
        empty={
          <EmptyState icon="◷" title={history ? "No sessions match" : "Nobody is connected right now"}>
            <p>{history ? "Change or clear the filters." : "Sessions appear here while users work on desktops."}</p>
          </EmptyState>
        }
      />
    </>
  );
}
