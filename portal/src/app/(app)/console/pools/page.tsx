import type { Metadata } from "next";
import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { type Connection, ListCard } from "@/components/lists/list-card";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PoolProvisioningState, PoolStatus, PoolsDocument, type PoolsQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { inventoryNames } from "@/lib/inventory-names";
import { type ListParams, listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pools" };

type Pool = PoolsQuery["pools"]["nodes"][number] & { flavorName: string };

/** A page of pools with each flavor's name from its cloud's inventory (the id when the cloud cannot answer). */
async function poolsPage(tenantKey: string, args: ListParams["args"]): Promise<Connection<Pool>> {
  const { pools } = await query(PoolsDocument, args);
  // Inventories are cached per tenant and cloud: one lookup per cloud on the page.
  const names = new Map(
    await Promise.all(
      [...new Set(pools.nodes.map((pool) => pool.cloudId))].map(
        async (cloudId) => [cloudId, await inventoryNames(tenantKey, cloudId)] as const,
      ),
    ),
  );
  const nodes = pools.nodes.map((pool) => ({
    ...pool,
    flavorName: names.get(pool.cloudId)?.flavor(pool.flavorRef) ?? pool.flavorRef,
  }));
  return { ...pools, nodes };
}

const COLUMNS: Column<Pool>[] = [
  {
    id: "pool",
    header: "Pool",
    cell: (pool) => (
      <>
        <Link className="cell-title" href={`/console/pools/${pool.id}`}>
          {pool.name}
        </Link>
        {pool.description ? <div className="cell-sub">{pool.description}</div> : null}
      </>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: (pool) => (
      <StatusBadge
        status={
          pool.status === PoolStatus.ACTIVE && pool.provisioningState !== PoolProvisioningState.IDLE
            ? pool.provisioningState
            : pool.status
        }
      />
    ),
  },
  {
    id: "desktops",
    header: "Desktops",
    cell: (pool) => (
      <>
        {pool.desktopCounts.total} of {pool.minTotal}–{pool.maxTotal}
        <div className="cell-sub">
          {pool.desktopCounts.available} available · {pool.desktopCounts.assigned} in use
          {pool.desktopCounts.provisioning ? ` · ${pool.desktopCounts.provisioning} being built` : ""}
        </div>
      </>
    ),
  },
  { id: "ready", header: "Kept ready", secondary: true, cell: (pool) => `${pool.minAvailable} available` },
  { id: "flavor", header: "Flavor", secondary: true, cell: (pool) => pool.flavorName },
];

export default async function PoolsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("pools:read");
  const list = listParams(await searchParams);
  const pools = poolsPage(viewer.actingTenantId ?? viewer.tenantId ?? "", list.args);
  const mayWrite = can(viewer, "pools:write");
  return (
    <>
      <PageHeader
        title="Pools"
        description="Desktops built from one golden image and scaled automatically."
        actions={
          mayWrite ? (
            <Link className="btn btn-primary" href="/console/pools/new">
              + New pool
            </Link>
          ) : null
        }
      />
      <ListCard
        label="Pool list"
        columns={COLUMNS}
        rows={pools}
        pager={{ list, noun: "pools" }}
        empty={
          <EmptyState icon="▦" title="No pools yet">
            <p>Pools define the golden image, size and number of desktops.</p>
            {mayWrite ? (
              <Link className="btn btn-primary" href="/console/pools/new">
                Create the first pool
              </Link>
            ) : null}
          </EmptyState>
        }
      />
    </>
  );
}
