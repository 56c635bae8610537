import type { Metadata } from "next";
import { BulkBar, type BulkChoice } from "@/components/lists/bulk-bar";
import { FilterToolbar } from "@/components/lists/filter-toolbar";
import { ListCard } from "@/components/lists/list-card";
import { selectColumn } from "@/components/lists/select-column";
import { type DesktopRow, desktopColumns } from "@/components/tables/desktop-columns";
import { poolFilter } from "@/components/tables/pool-filter";
import { Banner } from "@/components/ui/banner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DesktopsDocument, PoolsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { linkParams, listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";
import { DESKTOP_FILTERS, desktopFilter, desktopFilterFields } from "./desktop-filters";
import { bulkDesktopAction } from "./desktops.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Desktops" };

const BULK: BulkChoice[] = [
  { value: "REBOOT", label: "Restart", consequence: "Users signed in on them lose what they have not saved." },
  { value: "STOP", label: "Shut down", consequence: "Users signed in on them are disconnected and lose unsaved work." },
  { value: "OUT_OF_SERVICE", label: "Take out of service", consequence: "They are no longer offered to users." },
  { value: "IN_SERVICE", label: "Put back in service", consequence: "They are offered to users again." },
];

export default async function DesktopsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("desktops:read");
  const params = await searchParams;
  const list = listParams(params, { filters: DESKTOP_FILTERS });
  const [{ desktops }, { pools }] = await Promise.all([
    query(DesktopsDocument, { ...list.args, filter: desktopFilter(list.filters) }),
    query(PoolsDocument, { first: 200, after: null }),
  ]);
  const terminated = typeof params.terminated === "string" ? params.terminated : null;
  const operate = can(viewer, "desktops:operate");
  const exportHref = `/console/desktops/export?${new URLSearchParams(linkParams(list)).toString()}`;
  const exportLink = (
    <a className="btn btn-sm" href={exportHref} download>
      Export CSV
    </a>
  );
  return (
    <>
      <PageHeader title="Desktops" description="Every desktop of this tenant, across all pools." />
      <Banner show={terminated !== null}>{terminated} is being terminated.</Banner>
      <ListCard
        label="Desktop list"
        toolbar={
          <>
            <FilterToolbar id="desktop" list={list} fields={desktopFilterFields(poolFilter(pools.nodes))} />
            {operate ? (
              <BulkBar action={bulkDesktopAction} choices={BULK} noun="desktops">
                {exportLink}
              </BulkBar>
            ) : (
              <div className="toolbar">{exportLink}</div>
            )}
          </>
        }
        columns={
          operate
            ? [selectColumn<DesktopRow>((desktop) => desktop.name), ...desktopColumns(true)]
            : desktopColumns(true)
        }
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
