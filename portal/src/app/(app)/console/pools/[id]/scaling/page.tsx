import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PoolProgressDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { requirePermission } from "@/lib/viewer";
import { PoolScalingForm } from "./pool-scaling-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pool scaling" };

export default async function PoolScalingPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("pools:write");
  const { id } = await params;
  const { pool } = await query(PoolProgressDocument, { id });
  return (
    <>
      <PageHeader
        title={`Scaling of ${pool.name}`}
        description="Sizes and schedule windows; the pool controller works towards them within seconds."
        crumbs={[
          { href: "/console/pools", label: "Pools" },
          { href: `/console/pools/${pool.id}`, label: pool.name },
        ]}
      />
      <section className="card">
        <div className="card-body">
          <PoolScalingForm
            id={pool.id}
            defaults={{
              minTotal: pool.minTotal,
              maxTotal: pool.maxTotal,
              minAvailable: pool.minAvailable,
              minRunning: pool.minRunning,
              parkedPowerState: pool.parkedPowerState,
              timeZone: pool.timeZone,
              schedule: pool.schedule,
            }}
          />
        </div>
      </section>
    </>
  );
}
