import type { Metadata } from "next";
import { FilterToolbar } from "@/components/lists/filter-toolbar";
import { ListCard } from "@/components/lists/list-card";
import { desktopColumns } from "@/components/tables/desktop-columns";
import { poolFilter } from "@/components/tables/pool-filter";
import { Banner } from "@/components/ui/banner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DesktopAvailability, DesktopsDocument, PoolsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { enumOptions, enumValue } from "@/lib/enums";
import { listParams, type SearchParams } from "@/lib/list-params";
import { requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Desktops" };

const AVAILABILITY = enumOptions<DesktopAvailability>({
  PROVISIONING: "Provisioning",
  AVAILABLE: "Available",
  ASSIGNED: "Assigned",
  UNAVAILABLE: "Unavailable",
  DELETING: "Deleting",
});

export default async function DesktopsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("desktops:read");
  const params = await searchParams;
  const list = listParams(params, { filters: ["q", "pool", "availability"] });
  const [{ desktops }, { pools }] = await Promise.all([
    query(DesktopsDocument, {
      ...list.args,
      filter: {
        search: list.filters.q ?? null,
        poolId: list.filters.pool ?? null,
        availability: enumValue(DesktopAvailability, list.filters.availability) ?? null,
      },
    }),
    query(PoolsDocument, { first: 200, after: null }),
  ]);
  const terminated = typeof params.terminated === "string" ? params.terminated : null;
  return (
    <>
      <PageHeader title="Desktops" description="Every desktop of this tenant, across all pools." />
      <Banner show={terminated !== null}>{terminated} is being terminated.</Banner>
      <ListCard
        label="Desktop list"
        toolbar={
          <FilterToolbar
            id="desktop"
            list={list}
            fields={[
              { type: "search", name: "q", label: "Name", placeholder: "Search by name" },
              poolFilter(pools.nodes),
              {
                type: "select",
                name: "availability",
                label: "Availability",
                anyLabel: "Any",
                options: AVAILABILITY,
              },
            ]}
          />
        }
        columns={desktopColumns(true)}
        rows={desktops}
        pager={{ list, noun: "desktops" }}
        empty={
          <EmptyState icon="▭" title={list.filtered ? "No desktops match these filters" : "No desktops yet"}>
            <p>{list.filtered ? "Change or clear the filters." : "Desktops appear here as pools create them."}</p>
          </EmptyState>
        }
      />
    </>
  );
}
