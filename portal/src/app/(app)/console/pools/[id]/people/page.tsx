import type { Metadata } from "next";
import Link from "next/link";
import { Banner } from "@/components/ui/banner";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { PoolOffersDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { requirePermission } from "@/lib/viewer";
import { PoolPeopleForm } from "./pool-people-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Who gets this pool" };

/** The last step of creating a pool, and where its "no policy offers it" warning leads. */
export default async function PoolPeoplePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("broker:write");
  const { id } = await params;
  const { created } = await searchParams;
  const { pool, policies, groups } = await query(PoolOffersDocument, { id });
  return (
    <>
      <PageHeader
        title="Who gets this pool"
        description={`${pool.name} reaches users through a policy: add it to one, or make one for chosen groups.`}
        crumbs={[
          { href: "/console/pools", label: "Pools" },
          { href: `/console/pools/${pool.id}`, label: pool.name },
        ]}
      />
      <Banner show={Boolean(created)}>
        The pool was created. The controller starts building its desktops within a few seconds.
      </Banner>
      {pool.offeredBy.length > 0 ? (
        <p className="muted" style={{ marginBottom: 16 }}>
          Offered now by {pool.offeredBy.map((policy) => policy.name).join(", ")}.
        </p>
      ) : null}
      <SectionCard title={`Give ${pool.name} to`}>
        <PoolPeopleForm
          poolId={pool.id}
          policies={policies.nodes.map((policy) => ({ value: policy.id, label: policy.name }))}
          groups={groups.nodes.map((group) => ({ value: group.id, label: group.name }))}
          suggestedName={`${pool.name} users`}
        />
        <div className="row" style={{ marginTop: 12 }}>
          <Link className="btn btn-ghost" href={`/console/pools/${pool.id}`}>
            Decide later
          </Link>
          <span className="muted">Until then no user is offered this pool.</span>
        </div>
      </SectionCard>
    </>
  );
}
