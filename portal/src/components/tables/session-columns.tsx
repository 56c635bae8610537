import type { Column } from "@/components/lists/data-table";
import { StatusBadge } from "@/components/ui/badge";
import type { DesktopSessionsQuery } from "@/generated/graphql";
import { formatDateTime, formatDuration, humanize } from "@/lib/format";

type SessionFacts = Pick<
  DesktopSessionsQuery["desktopSessions"]["nodes"][number],
  "state" | "endReason" | "protocol" | "viaGateway" | "clientIp" | "startedAt" | "durationSeconds"
>;

/** State, connection, start and length of a session: the same on the sessions list and on a user's page. */
export function sessionFactColumns<T extends SessionFacts>(): Column<T>[] {
  return [
    {
      id: "state",
      header: "State",
      cell: (session) => (
        <>
          <StatusBadge status={session.state} />
          {session.endReason ? <div className="cell-sub">{humanize(session.endReason)}</div> : null}
        </>
      ),
    },
    {
      id: "connection",
      header: "Connection",
      secondary: true,
      cell: (session) => (
        <>
          {session.protocol ?? "—"}
          {session.viaGateway ? " via gateway" : ""}
          <div className="cell-sub mono">{session.clientIp ?? ""}</div>
        </>
      ),
    },
    { id: "started", header: "Started", secondary: true, cell: (session) => formatDateTime(session.startedAt) },
    { id: "duration", header: "Duration", cell: (session) => formatDuration(session.durationSeconds) },
  ];
}
