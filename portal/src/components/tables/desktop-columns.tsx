import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { Badge, StatusBadge } from "@/components/ui/badge";
import type { DesktopsQuery } from "@/generated/graphql";
import { humanize } from "@/lib/format";

export type DesktopRow = DesktopsQuery["desktops"]["nodes"][number];

const DESKTOP: Column<DesktopRow> = {
  id: "desktop",
  header: "Desktop",
  cell: (desktop) => (
    <>
      <Link className="cell-title" href={`/console/desktops/${desktop.id}`}>
        {desktop.name}
      </Link>
      <div className="cell-sub">
        {desktop.addresses.join(", ") || "No address yet"}
        {desktop.outOfService ? " · out of service" : ""}
      </div>
      {desktop.lastError ? <div className="field-error">{desktop.lastError}</div> : null}
    </>
  ),
};

const POOL: Column<DesktopRow> = { id: "pool", header: "Pool", cell: (desktop) => desktop.pool.name };

const STATE: Column<DesktopRow>[] = [
  { id: "availability", header: "Availability", cell: (desktop) => <StatusBadge status={desktop.availability} /> },
  {
    id: "power",
    header: "Power",
    secondary: true,
    cell: (desktop) => (
      <>
        <StatusBadge status={desktop.observedPowerState} />
        {desktop.desiredPowerState !== desktop.observedPowerState ? (
          <div className="cell-sub">→ {humanize(desktop.desiredPowerState)}</div>
        ) : null}
      </>
    ),
  },
  {
    id: "session",
    header: "Session",
    secondary: true,
    cell: (desktop) => <Badge plain>{humanize(desktop.sessionState)}</Badge>,
  },
  {
    id: "assignedTo",
    header: "Assigned to",
    cell: (desktop) =>
      desktop.assignedUser ? (desktop.assignedUser.displayName ?? desktop.assignedUser.username) : "—",
  },
];

/** Desktops with what the broker and the cloud say about them: the desktops page (with pools) and a pool's page. */
export function desktopColumns(showPool: boolean): Column<DesktopRow>[] {
  return showPool ? [DESKTOP, POOL, ...STATE] : [DESKTOP, ...STATE];
}
