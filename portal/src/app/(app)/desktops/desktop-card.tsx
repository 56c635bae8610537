"use client";

import { useActionState, useEffect, useState } from "react";
import { StatusBadge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import type { MyDesktopsQuery, PowerState, UserPowerAction } from "@/generated/graphql";
import { initialFormState } from "@/lib/form-state";
import { humanize } from "@/lib/format";
import { ConnectPanel } from "./connect-panel";
import { powerAction, releaseAction } from "./desktops.actions";

type Offer = MyDesktopsQuery["myDesktops"][number];

const POWER_LABELS: Record<UserPowerAction, string> = { START: "Start", STOP: "Shut down", REBOOT: "Restart" };

/** Power actions that make sense in the desktop's state: Start only when it is not running, the others when it is. */
const ACTIONS_BY_STATE: Partial<Record<PowerState, readonly UserPowerAction[]>> = {
  RUNNING: ["STOP", "REBOOT"],
  STOPPED: ["START"],
  SUSPENDED: ["START"],
  SHELVED: ["START"],
};

/** How long a power action's answer stays on the card; the state badge tells the rest. */
const MESSAGE_MS = 8000;

/** One offered desktop: state, Connect, and — for desktops you hold — power actions and release. */
export function DesktopCard({ offer }: { offer: Offer }) {
  const [powerState, power, powering] = useActionState(powerAction, initialFormState);
  const [showPower, setShowPower] = useState(false);
  useEffect(() => {
    if (powerState.status === "idle") return;
    setShowPower(true);
    const timer = setTimeout(() => setShowPower(false), MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [powerState]);
  const actions = offer.powerActions.filter((action) => ACTIONS_BY_STATE[offer.powerState]?.includes(action));
  return (
    <article className="card" aria-label={offer.poolName}>
      <div className="card-header">
        <div>
          <h2>{offer.poolName}</h2>
          <p className="muted">{offer.name}</p>
        </div>
        <span style={{ marginLeft: "auto" }}>
          <StatusBadge status={offer.assignedToYou ? "assigned" : offer.powerState} />
        </span>
      </div>
      <div className="card-body stack">
        <div className="row muted">
          <span>{offer.persistent ? "Personal desktop" : "Shared pool desktop"}</span>
          {offer.assignedToYou ? (
            <>
              <span aria-hidden="true">·</span>
              <span>{offer.powerState === "RUNNING" ? "Running" : humanize(offer.powerState)}</span>
            </>
          ) : null}
        </div>
        <ConnectPanel
          desktopId={offer.desktopId}
          desktopName={offer.name}
          protocols={offer.protocols}
          reconnect={offer.assignedToYou}
        />
        {showPower && powerState.status !== "idle" ? (
          <div className={`alert alert-${powerState.status === "error" ? "error" : "success"}`} role="status">
            {powerState.message}
          </div>
        ) : null}
        <div className="row">
          {actions.map((action) => (
            <form action={power} key={action} onSubmit={() => setShowPower(false)}>
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
