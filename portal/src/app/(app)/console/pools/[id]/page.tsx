import type { Metadata } from "next";
import Link from "next/link";
import { DesktopTable } from "@/components/tables/desktop-table";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DesktopsDocument, PoolDocument, PoolUsageDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pool" };

export default async function PoolPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("pools:read");
  const { id } = await params;
  const [{ pool }, usage, { desktops }] = await Promise.all([
    query(PoolDocument, { id }),
    query(PoolUsageDocument, { poolId: id }),
    query(DesktopsDocument, { first: 50, after: null, filter: { poolId: id } }),
  ]);
  const utilisation = usage.total.totalCount
    ? Math.round((usage.assigned.totalCount / usage.total.totalCount) * 100)
    : 0;
  return (
    <>
      <PageHeader
        title={pool.name}
        description={pool.description ?? undefined}
        crumbs={[{ href: "/console/pools", label: "Pools" }]}
        actions={<StatusBadge status={pool.status} />}
      />
      <div className="grid grid-4" style={{ marginBottom: 16 }}>
        <div className="card stat">
          <div className="stat-label">Desktops</div>
          <div className="stat-value">{usage.total.totalCount}</div>
          <div className="stat-hint">
            between {pool.minTotal} and {pool.maxTotal}
          </div>
        </div>
        <div className="card stat">
          <div className="stat-label">Available</div>
          <div className="stat-value">{usage.available.totalCount}</div>
          <div className="stat-hint">{pool.minAvailable} kept ready</div>
        </div>
        <div className="card stat">
          <div className="stat-label">In use</div>
          <div className="stat-value">{usage.assigned.totalCount}</div>
          <div className="meter" role="img" aria-label={`${utilisation}% in use`}>
            <span style={{ width: `${utilisation}%` }} />
          </div>
        </div>
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="pool-config">
          <div className="card-header">
            <h2 id="pool-config">Configuration</h2>
          </div>
          <div className="card-body">
            <dl className="details-list">
              <dt>Image</dt>
              <dd className="mono">{pool.imageRef}</dd>
              <dt>Flavor</dt>
              <dd className="mono">{pool.flavorRef}</dd>
              <dt>Networks</dt>
              <dd className="mono">{pool.networkIds.join(", ") || "—"}</dd>
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
              <dt>Kept running</dt>
              <dd>{pool.minRunning}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(pool.createdAt)}</dd>
              {pool.statusReason ? (
                <>
                  <dt>Status reason</dt>
                  <dd>{pool.statusReason}</dd>
                </>
              ) : null}
            </dl>
          </div>
        </section>
        <section className="card" aria-labelledby="pool-desktops">
          <div className="card-header">
            <h2 id="pool-desktops">Desktops</h2>
            <Link className="btn btn-sm" style={{ marginLeft: "auto" }} href={`/console/desktops?pool=${pool.id}`}>
              View all
            </Link>
          </div>
          {desktops.nodes.length === 0 ? (
            <EmptyState icon="▭" title="No desktops yet">
              <p>The pool controller creates desktops to reach the pool&apos;s minimum size.</p>
            </EmptyState>
          ) : (
            <DesktopTable desktops={desktops.nodes} showPool={false} />
          )}
        </section>
      </div>
    </>
  );
}
