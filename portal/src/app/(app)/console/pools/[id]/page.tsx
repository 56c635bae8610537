import type { Metadata } from "next";
import Link from "next/link";
import { ListCard } from "@/components/lists/list-card";
import { desktopColumns } from "@/components/tables/desktop-columns";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { StatusBadge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DesktopsDocument, PoolProgressDocument, PoolStatus } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime, humanize } from "@/lib/format";
import { inventoryNames } from "@/lib/inventory-names";
import { can, requirePermission } from "@/lib/viewer";
import { PoolActions } from "./pool-actions";
import { ControllerState, isSettling, PoolEvents, PoolProgress } from "./pool-progress";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pool" };

type Window = { days: string[]; start: string; end: string } & Record<
  "minTotal" | "maxTotal" | "minAvailable" | "minRunning",
  number | null
>;

function windowText(window: Window): string {
  const sizes = (["minTotal", "maxTotal", "minAvailable", "minRunning"] as const)
    .filter((key) => window[key] !== null)
    .map((key) => `${humanize(key)} ${window[key]}`);
  const days = window.days.map((day) => day.charAt(0).toUpperCase() + day.slice(1)).join(", ");
  return `${days} ${window.start}–${window.end}${sizes.length ? `: ${sizes.join(", ")}` : ""}`;
}

export default async function PoolPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("pools:read");
  const { id } = await params;
  const { created, updated, offered } = await searchParams;
  const desktops = query(DesktopsDocument, { first: 50, after: null, filter: { poolId: id } }).then(
    (data) => data.desktops.nodes,
  );
  const { pool, poolEvents } = await query(PoolProgressDocument, { id });
  const settling = isSettling(pool);
  const names = await inventoryNames(viewer.actingTenantId ?? viewer.tenantId ?? "", pool.cloudId);
  return (
    <>
      <PageHeader
        title={pool.name}
        description={pool.description ?? undefined}
        crumbs={[{ href: "/console/pools", label: "Pools" }]}
        actions={
          <>
            <StatusBadge status={pool.status} />
            {can(viewer, "pools:write") ? <PoolActions id={pool.id} name={pool.name} status={pool.status} /> : null}
          </>
        }
      />
      <Banner show={Boolean(created)}>
        The pool was created. The controller starts building its desktops within a few seconds.
      </Banner>
      <Banner show={Boolean(updated)}>Scaling saved. The controller adjusts the pool within a few seconds.</Banner>
      <Banner show={typeof offered === "string"}>
        {`${typeof offered === "string" ? offered : "The policy"} offers this pool: its users see it at their next sign-in.`}
      </Banner>
      {pool.offeredBy.length === 0 ? (
        <div className="alert alert-warning" role="status" style={{ marginBottom: 16 }}>
          No policy offers this pool, so no user gets it.{" "}
          {can(viewer, "broker:write") ? (
            <Link href={`/console/pools/${pool.id}/people`}>Choose who gets it</Link>
          ) : null}
        </div>
      ) : (
        <p className="muted" style={{ marginBottom: 16 }}>
          Offered by {pool.offeredBy.map((policy) => policy.name).join(", ")}.
        </p>
      )}
      <Banner show={Boolean(pool.statusReason)} tone="info">
        {pool.statusReason}
      </Banner>
      <section className="card" aria-labelledby="pool-progress" style={{ marginBottom: 16 }}>
        <div className="card-header">
          <h2 id="pool-progress">Provisioning</h2>
          <ControllerState pool={pool} />
          <span style={{ marginLeft: "auto" }}>
            <AutoRefresh active={settling} label="Live" />
          </span>
        </div>
        <div className="card-body">
          <PoolProgress pool={pool} />
        </div>
      </section>
      <div className="grid grid-2" style={{ marginBottom: 16 }}>
        <section className="card" aria-labelledby="pool-config">
          <div className="card-header">
            <h2 id="pool-config">Configuration</h2>
            {can(viewer, "pools:write") && pool.status !== PoolStatus.DRAINING ? (
              <Link className="btn btn-sm" style={{ marginLeft: "auto" }} href={`/console/pools/${pool.id}/scaling`}>
                Edit scaling
              </Link>
            ) : null}
          </div>
          <div className="card-body">
            <dl className="details-list">
              <dt>Image</dt>
              <dd>{names.image(pool.imageRef)}</dd>
              <dt>Flavor</dt>
              <dd>{names.flavor(pool.flavorRef)}</dd>
              <dt>Networks</dt>
              <dd>{pool.networkIds.map(names.network).join(", ") || "—"}</dd>
              <dt>Name pattern</dt>
              <dd className="mono">{pool.namePattern}</dd>
              <dt>Boot volume</dt>
              <dd>
                {pool.bootVolumeGb
                  ? `${pool.bootVolumeGb} GB${pool.storagePolicy ? ` (${pool.storagePolicy})` : ""}`
                  : "Image disk"}
              </dd>
              <dt>Availability zone</dt>
              <dd>{pool.availabilityZone ?? "Any"}</dd>
              <dt>Sizes</dt>
              <dd>
                {pool.minTotal}–{pool.maxTotal} desktops, {pool.minAvailable} kept available, {pool.minRunning} kept
                running; others {humanize(pool.parkedPowerState).toLowerCase()}
              </dd>
              <dt>Schedule</dt>
              <dd>
                {pool.schedule.length === 0 ? (
                  "Around the clock"
                ) : (
                  <ul className="plain-list">
                    {pool.schedule.map((window) => (
                      <li key={`${window.days.join()}-${window.start}-${window.end}`}>{windowText(window)}</li>
                    ))}
                  </ul>
                )}
                <div className="cell-sub">Time zone {pool.timeZone}</div>
              </dd>
              <dt>Created</dt>
              <dd>{formatDateTime(pool.createdAt)}</dd>
            </dl>
          </div>
        </section>
        <section className="card" aria-labelledby="pool-events">
          <div className="card-header">
            <h2 id="pool-events">Controller events</h2>
          </div>
          <PoolEvents events={poolEvents.nodes} total={poolEvents.totalCount} />
        </section>
      </div>
      <ListCard
        title="Desktops"
        headerActions={
          <Link className="btn btn-sm" style={{ marginLeft: "auto" }} href={`/console/desktops?pool=${pool.id}`}>
            View all
          </Link>
        }
        columns={desktopColumns(false)}
        rows={desktops}
        empty={
          <EmptyState icon="▭" title="No desktops yet">
            <p>The pool controller creates desktops to reach the pool&apos;s minimum size.</p>
          </EmptyState>
        }
      />
    </>
  );
}
