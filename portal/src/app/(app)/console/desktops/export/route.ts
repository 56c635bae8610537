import type { NextRequest } from "next/server";
import { DesktopsDocument, type DesktopsQuery } from "@/generated/graphql";
import { type MutationOutcome, mutate } from "@/lib/api/server-api";
import { csvLine } from "@/lib/csv";
import { listParams } from "@/lib/list-params";
import { DESKTOP_FILTERS, desktopFilter } from "../desktop-filters";

export const dynamic = "force-dynamic";

/** Pages of the API's largest size; a fleet beyond this many desktops is exported in filtered parts. */
const PAGE = 200;
const MAX_ROWS = 20_000;

const HEADER = [
  "Desktop",
  "Pool",
  "Availability",
  "Power",
  "Desired power",
  "Session",
  "Out of service",
  "Assigned to",
];

/**
 * The desktops list as CSV, with the list's own filters (the page's "Export CSV" link carries them), paged from the
 * API with the session's token so the API's permission and tenant checks apply as they do to the page.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const list = listParams(Object.fromEntries(request.nextUrl.searchParams), { filters: DESKTOP_FILTERS });
  const filter = desktopFilter(list.filters);
  const lines = [csvLine(HEADER)];
  let after: string | null = null;
  for (let rows = 0; rows < MAX_ROWS; rows += PAGE) {
    const outcome: MutationOutcome<DesktopsQuery> = await mutate(DesktopsDocument, { first: PAGE, after, filter });
    if (!outcome.ok) return new Response(outcome.message, { status: outcome.code === "FORBIDDEN" ? 403 : 400 });
    const { nodes, pageInfo }: DesktopsQuery["desktops"] = outcome.data.desktops;
    for (const desktop of nodes) {
      lines.push(
        csvLine([
          desktop.name,
          desktop.pool.name,
          desktop.availability,
          desktop.observedPowerState,
          desktop.desiredPowerState,
          desktop.sessionState,
          desktop.outOfService ? "yes" : "no",
          desktop.assignedUser?.username ?? "",
        ]),
      );
    }
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor ?? null;
  }
  return new Response(lines.join(""), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="desktops-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
