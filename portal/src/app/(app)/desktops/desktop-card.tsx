"use client";

import { useActionState } from "react";
import { StatusBadge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import type { MyDesktopsQuery, UserPowerAction } from "@/generated/graphql";
import { initialFormState } from "@/lib/form-state";
import { connectAction, powerAction, releaseAction } from "./desktops.actions";

type Offer = MyDesktopsQuery["myDesktops"][number];

const POWER_LABELS: Record<UserPowerAction, string> = { START: "Start", STOP: "Shut down", REBOOT: "Restart" };

function ConnectionDetails({ result }: { result: Record<string, string> }) {
  return (
    <div className="alert alert-info stack" role="status" data-testid="connection">
      <span>
        {result.protocol} {result.route}
        {result.address ? ` · ${result.address}` : ""}
      </span>
      {result.rdpFile ? (
        <a
          className="btn btn-sm"
          href={`data:application/x-rdp;charset=utf-8,${encodeURIComponent(result.rdpFile)}`}
          download="desktop.rdp"
        >
          Download .rdp file
        </a>
      ) : null}
      {result.viewerUrl ? (
        <a className="btn btn-sm btn-primary" href={result.viewerUrl} target="_blank" rel="noopener">
          Open desktop in browser
        </a>
      ) : result.ticket ? (
        <span className="muted">A single-use connection ticket was issued for this browser.</span>
      ) : null}
    </div>
  );
}

/** One offered desktop: state, Connect, and — for desktops you hold — power actions and release. */
export function DesktopCard({ offer }: { offer: Offer }) {
  const [connectState, connect, connecting] = useActionState(connectAction, initialFormState);
  const [powerState, power, powering] = useActionState(powerAction, initialFormState);
  return (
    <article className="card" aria-label={offer.name}>
      <div className="card-header">
        <div>
          <h2>{offer.name}</h2>
          <p>{offer.poolName}</p>
        </div>
        <span style={{ marginLeft: "auto" }}>
          <StatusBadge status={offer.assignedToYou ? "assigned" : offer.powerState} />
        </span>
      </div>
      <div className="card-body stack">
        <div className="row muted">
          <span>{offer.persistent ? "Personal desktop" : "Shared pool desktop"}</span>
          <span aria-hidden="true">·</span>
          <span>{offer.protocols.join(", ") || "No protocol allowed from here"}</span>
        </div>
        {connectState.status === "error" ? (
          <div className="alert alert-error" role="alert">
            {connectState.message}
          </div>
        ) : null}
        {connectState.status === "success" && connectState.result ? (
          <>
            <div className="alert alert-success" role="status">
              {connectState.message}
            </div>
            <ConnectionDetails result={connectState.result} />
          </>
        ) : null}
        {powerState.status !== "idle" ? (
          <div className={`alert alert-${powerState.status === "error" ? "error" : "success"}`} role="status">
            {powerState.message}
          </div>
        ) : null}
        <div className="row">
          <form action={connect}>
            <input type="hidden" name="desktopId" value={offer.desktopId} />
            <button
              type="submit"
              className="btn btn-primary"
              disabled={connecting || offer.protocols.length === 0}
              aria-busy={connecting}
            >
              {connecting ? "Connecting…" : offer.assignedToYou ? "Reconnect" : "Connect"}
            </button>
          </form>
          {offer.powerActions.map((action) => (
            <form action={power} key={action}>
              <input type="hidden" name="desktopId" value={offer.desktopId} />
              <input type="hidden" name="action" value={action} />
              <button type="submit" className="btn btn-sm" disabled={powering}>
                {POWER_LABELS[action]}
              </button>
            </form>
          ))}
          {offer.assignedToYou ? (
            <ConfirmAction
              action={releaseAction}
              fields={{ desktopId: offer.desktopId }}
              label="Release"
              title={`Release ${offer.name}?`}
              confirmLabel="Release desktop"
            >
              {offer.persistent
                ? "The desktop stays yours but your session ends."
                : "Your session ends and the desktop returns to the pool. Save your work first."}
            </ConfirmAction>
          ) : null}
        </div>
      </div>
    </article>
  );
}
