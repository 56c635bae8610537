import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { PoolsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { inventoryNames } from "@/lib/inventory-names";
import { pageStateOf } from "@/lib/pagination";
import { can, requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pools" };

const PAGE_SIZE = 25;

export default async function PoolsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("pools:read");
  const page = pageStateOf(await searchParams);
  const { pools } = await query(PoolsDocument, { first: PAGE_SIZE, after: page.after });
  // Flavor names from each cloud's inventory (cached per tenant and cloud); the id when the cloud cannot answer.
  const tenantKey = viewer.actingTenantId ?? viewer.tenantId ?? "";
  const names = new Map(
    await Promise.all(
      [...new Set(pools.nodes.map((pool) => pool.cloudId))].map(
        async (cloudId) => [cloudId, await inventoryNames(tenantKey, cloudId)] as const,
      ),
    ),
  );
  return (
    <>
      <PageHeader
        title="Pools"
        description="Desktops built from one golden image and scaled automatically."
        actions={
          can(viewer, "pools:write") ? (
            <Link className="btn btn-primary" href="/console/pools/new">
              + New pool
            </Link>
          ) : null
        }
      />
      <section className="card" aria-label="Pool list">
        {pools.nodes.length === 0 ? (
          <EmptyState icon="▦" title="No pools yet">
            <p>Pools define the golden image, size and number of desktops.</p>
            {can(viewer, "pools:write") ? (
              <Link className="btn btn-primary" href="/console/pools/new">
                Create the first pool
              </Link>
            ) : null}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Pool</th>
                  <th scope="col">Status</th>
                  <th scope="col">Desktops</th>
                  <th scope="col" className="hide-sm">
                    Kept ready
                  </th>
                  <th scope="col" className="hide-sm">
                    Flavor
                  </th>
                </tr>
              </thead>
              <tbody>
                {pools.nodes.map((pool) => (
                  <tr key={pool.id}>
                    <td>
                      <Link className="cell-title" href={`/console/pools/${pool.id}`}>
                        {pool.name}
                      </Link>
                      {pool.description ? <div className="cell-sub">{pool.description}</div> : null}
                    </td>
                    <td>
                      <StatusBadge
                        status={
                          pool.status === "active" && pool.provisioningState !== "idle"
                            ? pool.provisioningState
                            : pool.status
                        }
                      />
                    </td>
                    <td>
                      {pool.desktopCounts.total} of {pool.minTotal}–{pool.maxTotal}
                      <div className="cell-sub">
                        {pool.desktopCounts.available} available · {pool.desktopCounts.assigned} in use
                        {pool.desktopCounts.provisioning ? ` · ${pool.desktopCounts.provisioning} being built` : ""}
                      </div>
                    </td>
                    <td className="hide-sm">{pool.minAvailable} available</td>
                    <td className="hide-sm">{names.get(pool.cloudId)?.flavor(pool.flavorRef) ?? pool.flavorRef}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          state={page}
          base={{}}
          pageSize={PAGE_SIZE}
          shown={pools.nodes.length}
          totalCount={pools.totalCount}
          endCursor={pools.pageInfo.endCursor}
          hasNextPage={pools.pageInfo.hasNextPage}
          noun="pools"
        />
      </section>
    </>
  );
}
