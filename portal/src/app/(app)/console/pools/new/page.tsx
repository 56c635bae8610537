import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CloudStatus, PoolCloudsDocument, PoolInventoryDocument } from "@/generated/graphql";
import { mutate, query } from "@/lib/api/server-api";
import { requirePermission } from "@/lib/viewer";
import { PoolCreateForm } from "../pool-create-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New pool" };

const CRUMBS = [{ href: "/console/pools", label: "Pools" }];

export default async function NewPoolPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("pools:write");
  const { cloud: wanted } = await searchParams;
  const { poolClouds } = await query(PoolCloudsDocument, {});
  const cloud =
    poolClouds.find((candidate) => candidate.id === wanted && candidate.available) ??
    poolClouds.find((candidate) => candidate.status === CloudStatus.OK) ??
    poolClouds.find((candidate) => candidate.available);
  const unavailable = poolClouds.filter((candidate) => !candidate.available);
  // A cloud whose last check failed is shown as such rather than offered: a pool there would only fail later.
  const unavailableNote = unavailable.length ? (
    <div className="alert alert-warning" role="status">
      Unavailable right now (its last connection check failed; ask your service provider):{" "}
      {unavailable.map((candidate) => candidate.name).join(", ")}.
    </div>
  ) : null;
  if (!cloud) {
    return (
      <>
        <PageHeader title="New pool" crumbs={CRUMBS} />
        {unavailableNote}
        <section className="card">
          <EmptyState icon="☁" title="No cloud is available yet">
            <p>Your service provider connects a cloud and maps it to your organisation before pools can be built.</p>
          </EmptyState>
        </section>
      </>
    );
  }
  // The cloud may refuse (unreachable, project not mapped): the page says so instead of failing.
  const inventory = await mutate(PoolInventoryDocument, { cloudId: cloud.id });
  return (
    <>
      <PageHeader
        title="New pool"
        description="Desktops built from one golden image, scaled automatically by the pool controller."
        crumbs={CRUMBS}
      />
      {unavailableNote}
      <section className="card">
        {poolClouds.length > 1 ? (
          <form className="toolbar" method="get" aria-label="Cloud">
            <div className="field">
              <label htmlFor="pool-cloud">Cloud</label>
              <select id="pool-cloud" name="cloud" defaultValue={cloud.id}>
                {poolClouds.map((candidate) => (
                  <option key={candidate.id} value={candidate.id} disabled={!candidate.available}>
                    {candidate.name}
                    {candidate.region ? ` (${candidate.region})` : ""}
                    {candidate.available ? "" : " — unavailable"}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn">
              Use this cloud
            </button>
          </form>
        ) : null}
        <div className="card-body">
          {inventory.ok ? (
            <PoolCreateForm cloudId={cloud.id} inventory={inventory.data.poolInventory} />
          ) : (
            <div className="alert alert-error" role="alert">
              {cloud.name} cannot list images and networks right now: {inventory.message}
            </div>
          )}
        </div>
      </section>
    </>
  );
}
