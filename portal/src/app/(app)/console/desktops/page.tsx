import type { Metadata } from "next";
import Link from "next/link";
import { DesktopTable } from "@/components/tables/desktop-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { DesktopsDocument, PoolsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { filterParams, pageStateOf } from "@/lib/pagination";
import { requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Desktops" };

const PAGE_SIZE = 25;
const AVAILABILITY = ["provisioning", "available", "assigned", "unavailable", "deleting"];

export default async function DesktopsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("desktops:read");
  const params = await searchParams;
  const filters = filterParams(params, ["q", "pool", "availability"]);
  const page = pageStateOf(params);
  const [{ desktops }, { pools }] = await Promise.all([
    query(DesktopsDocument, {
      first: PAGE_SIZE,
      after: page.after,
      filter: {
        search: filters.q ?? null,
        poolId: filters.pool ?? null,
        availability: filters.availability ?? null,
      },
    }),
    query(PoolsDocument, { first: 200, after: null }),
  ]);
  const filtered = Object.keys(filters).length > 0;
  const terminated = typeof params.terminated === "string" ? params.terminated : null;
  return (
    <>
      <PageHeader title="Desktops" description="Every desktop of this tenant, across all pools." />
      {terminated ? (
        <div className="alert alert-success" role="status" style={{ marginBottom: 16 }}>
          {terminated} is being terminated.
        </div>
      ) : null}
      <section className="card" aria-label="Desktop list">
        <form className="toolbar" method="get" aria-label="Filters">
          <div className="field">
            <label htmlFor="desktop-search">Name</label>
            <input
              id="desktop-search"
              type="search"
              name="q"
              defaultValue={filters.q ?? ""}
              placeholder="Search by name"
            />
          </div>
          <div className="field">
            <label htmlFor="desktop-pool">Pool</label>
            <select id="desktop-pool" name="pool" defaultValue={filters.pool ?? ""}>
              <option value="">All pools</option>
              {pools.nodes.map((pool) => (
                <option key={pool.id} value={pool.id}>
                  {pool.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="desktop-availability">Availability</label>
            <select id="desktop-availability" name="availability" defaultValue={filters.availability ?? ""}>
              <option value="">Any</option>
              {AVAILABILITY.map((value) => (
                <option key={value} value={value}>
                  {value.charAt(0).toUpperCase() + value.slice(1)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn">
            Apply
          </button>
          {filtered ? (
            <Link className="btn btn-ghost" href="/console/desktops">
              Clear
            </Link>
          ) : null}
        </form>
        {desktops.nodes.length === 0 ? (
          <EmptyState icon="▭" title={filtered ? "No desktops match these filters" : "No desktops yet"}>
            <p>{filtered ? "Change or clear the filters." : "Desktops appear here as pools create them."}</p>
          </EmptyState>
        ) : (
          <DesktopTable desktops={desktops.nodes} showPool />
        )}
        <Pager
          state={page}
          base={filters}
          pageSize={PAGE_SIZE}
          shown={desktops.nodes.length}
          totalCount={desktops.totalCount}
          endCursor={desktops.pageInfo.endCursor}
          hasNextPage={desktops.pageInfo.hasNextPage}
          noun="desktops"
        />
      </section>
    </>
  );
}
