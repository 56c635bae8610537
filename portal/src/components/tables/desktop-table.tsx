import Link from "next/link";
import { Badge, StatusBadge } from "@/components/ui/badge";
import type { DesktopsQuery } from "@/generated/graphql";
import { humanize } from "@/lib/format";

type DesktopRow = DesktopsQuery["desktops"]["nodes"][number];

/** Desktops with what the broker and the cloud say about them; shared by the desktops page and pool detail. */
export function DesktopTable({ desktops, showPool }: { desktops: DesktopRow[]; showPool: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Desktop</th>
            {showPool ? <th scope="col">Pool</th> : null}
            <th scope="col">Availability</th>
            <th scope="col" className="hide-sm">
              Power
            </th>
            <th scope="col" className="hide-sm">
              Session
            </th>
            <th scope="col">Assigned to</th>
          </tr>
        </thead>
        <tbody>
          {desktops.map((desktop) => (
            <tr key={desktop.id}>
              <td>
                <Link className="cell-title" href={`/console/desktops/${desktop.id}`}>
                  {desktop.name}
                </Link>
                <div className="cell-sub">
                  {desktop.addresses.join(", ") || "No address yet"}
                  {desktop.outOfService ? " · out of service" : ""}
                </div>
                {desktop.lastError ? <div className="field-error">{desktop.lastError}</div> : null}
              </td>
              {showPool ? <td>{desktop.pool.name}</td> : null}
              <td>
                <StatusBadge status={desktop.availability} />
              </td>
              <td className="hide-sm">
                <StatusBadge status={desktop.observedPowerState} />
                {desktop.desiredPowerState !== desktop.observedPowerState ? (
                  <div className="cell-sub">→ {humanize(desktop.desiredPowerState)}</div>
                ) : null}
              </td>
              <td className="hide-sm">
                <Badge plain>{humanize(desktop.sessionState)}</Badge>
              </td>
              <td>
                {desktop.assignedUser ? (desktop.assignedUser.displayName ?? desktop.assignedUser.username) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
