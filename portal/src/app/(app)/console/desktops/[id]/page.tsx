import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { DesktopAvailability, DesktopDetailDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime, humanize } from "@/lib/format";
import { can, requirePermission } from "@/lib/viewer";
import { busy, powerChoices } from "../power-actions";
import { DesktopControls } from "./desktop-controls";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Desktop" };

export default async function DesktopPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("desktops:read");
  const { id } = await params;
  const { desktop } = await query(DesktopDetailDocument, { id });
  const assignedTo = desktop.assignedUser ? (desktop.assignedUser.displayName ?? desktop.assignedUser.username) : null;
  const deleting = desktop.availability === DesktopAvailability.DELETING;
  return (
    <>
      <PageHeader
        title={desktop.name}
        description={
          <>
            Desktop of pool <Link href={`/console/pools/${desktop.pool.id}`}>{desktop.pool.name}</Link>
          </>
        }
        crumbs={[{ href: "/console/desktops", label: "Desktops" }]}
        actions={
          <>
            {desktop.outOfService ? <Badge tone="warning">Out of service</Badge> : null}
            <StatusBadge status={desktop.availability} />
          </>
        }
      />
      <div className="grid grid-2">
        <section className="card" aria-labelledby="desktop-state">
          <div className="card-header">
            <h2 id="desktop-state">State</h2>
            <span style={{ marginLeft: "auto" }}>
              <AutoRefresh active={busy(desktop)} label="Live" />
            </span>
          </div>
          <div className="card-body">
            <dl className="details-list">
              <dt>Power</dt>
              <dd data-testid="power-state">
                <StatusBadge status={desktop.observedPowerState} />
                {desktop.desiredPowerState !== desktop.observedPowerState ? (
                  <span className="cell-sub"> → {humanize(desktop.desiredPowerState)}</span>
                ) : null}
                {desktop.pendingAction ? (
                  <span className="cell-sub"> · {humanize(desktop.pendingAction)} requested</span>
                ) : null}
              </dd>
              <dt>Cloud status</dt>
              <dd className="mono">{desktop.serverStatus ?? "—"}</dd>
              <dt>Build</dt>
              <dd>{humanize(desktop.provisioningState)}</dd>
              <dt>Session</dt>
              <dd>{humanize(desktop.sessionState)}</dd>
              <dt>Assigned to</dt>
              <dd>{assignedTo ?? "Nobody"}</dd>
              <dt>Addresses</dt>
              <dd className="mono">{desktop.addresses.join(", ") || "None yet"}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(desktop.createdAt)}</dd>
            </dl>
            {desktop.lastError ? (
              <div className="alert alert-error" role="alert" style={{ marginTop: 16 }}>
                {desktop.lastError}
              </div>
            ) : null}
          </div>
        </section>
        <section className="card" aria-labelledby="desktop-actions">
          <div className="card-header">
            <h2 id="desktop-actions">Actions</h2>
          </div>
          <div className="card-body">
            {can(viewer, "desktops:operate") ? (
              <DesktopControls
                id={desktop.id}
                name={desktop.name}
                choices={powerChoices(desktop)}
                outOfService={desktop.outOfService}
                assignedTo={assignedTo}
                mayDestroy={can(viewer, "pools:write")}
                deleting={deleting}
              />
            ) : (
              <p className="muted">You can look at this desktop but not operate it.</p>
            )}
            {deleting ? <p className="muted">The desktop is being terminated.</p> : null}
          </div>
        </section>
      </div>
    </>
  );
}
