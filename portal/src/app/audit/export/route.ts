import type { NextRequest } from "next/server";
import {
  AuditEventsDocument,
  type AuditEventsQuery,
  type AuditFilter,
  MspAuditEventsDocument,
  type MspAuditEventsQuery,
} from "@/generated/graphql";
import { clientProofOf } from "@/lib/api/client-proof";
import { ApiError } from "@/lib/api/graphql-errors";
import { execute } from "@/lib/api/graphql-fetch";
import { currentTokens } from "@/lib/api/server-api";
import { AUDIT_FILTERS, auditFilterOf } from "@/lib/audit-filter";
import { auditChanges } from "@/lib/format";

export const dynamic = "force-dynamic";

type AuditPage = AuditEventsQuery["auditEvents"] | MspAuditEventsQuery["mspAuditEvents"];

// The API's largest page.
const PAGE = 200;
/** More than any investigation reads in a spreadsheet; a bigger period is exported in parts. */
const MAX_ROWS = 50_000;

/** RFC 4180 quoting, and a leading = + - @ made inert so a spreadsheet never runs a cell as a formula. */
function cell(value: string | null | undefined): string {
  const text = (value ?? "").replace(/^[=+\-@\t\r]/, "'$&");
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The audit log's filtered set as CSV (`scope=tenant` or `msp`, with the list's own filters), read page by page
 * with the session's API token, which never reaches the browser; the API decides what the caller may read.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const search = request.nextUrl.searchParams;
  const msp = search.get("scope") === "msp";
  const tokens = await currentTokens();
  if (!tokens) return new Response("Sign in again to export the audit log.", { status: 401 });
  const filters = Object.fromEntries(AUDIT_FILTERS.map((name) => [name, search.get(name)?.trim() || undefined]));
  const options = { accessToken: tokens.accessToken, client: clientProofOf(request.headers) };
  const lines = [["time", "actor", "actor type", "action", "target type", "target", "changes", "tenant", "request id"]];
  let after: string | null = null;
  try {
    do {
      const variables: { first: number; after: string | null; filter: AuditFilter | null } = {
        first: PAGE,
        after,
        filter: auditFilterOf(filters),
      };
      const page: AuditPage = msp
        ? (await execute(MspAuditEventsDocument, variables, options)).mspAuditEvents
        : (await execute(AuditEventsDocument, variables, options)).auditEvents;
      for (const event of page.nodes) {
        const changes = auditChanges(event.before, event.after)
          .map(
            (change) =>
              `${change.field}: ${change.before !== null ? `${change.before} → ` : ""}${change.after ?? "removed"}`,
          )
          .join("; ");
        const tenant = "tenant" in event ? (event.tenant as { name: string } | null)?.name : null;
        lines.push([
          event.createdAt,
          event.actorName,
          event.actorType,
          event.action,
          event.targetType ?? "",
          event.targetName ?? "",
          changes,
          tenant ?? "",
          event.requestId ?? "",
        ]);
      }
      after = page.pageInfo.hasNextPage && lines.length <= MAX_ROWS ? (page.pageInfo.endCursor ?? null) : null;
    } while (after);
  } catch (error) {
    if (error instanceof ApiError)
      return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : 400 });
    throw error;
  }
  const body = `${lines.map((line) => line.map(cell).join(",")).join("\r\n")}\r\n`;
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
