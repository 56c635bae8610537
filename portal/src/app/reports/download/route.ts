import type { NextRequest } from "next/server";
import { clientProofOf } from "@/lib/api/client-proof";
import { apiUrl } from "@/lib/api/graphql-fetch";
import { currentTokens } from "@/lib/api/server-api";

export const dynamic = "force-dynamic";

const REPORT = /^(usage|login-history|assignment-history|broker-metrics)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORMAT = /^(csv|pdf)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Report downloads with the session's API token (which never reaches the browser): the reports page's plain GET
 * form (`report`, `format`, and `from`/`to` as calendar days, both included), streamed from the API as it renders.
 * MSP staff name a tenant with `tenantId` (Billing's per-tenant export); the API decides whether they may.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const search = request.nextUrl.searchParams;
  const report = search.get("report") ?? "";
  const format = search.get("format") ?? "";
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? "";
  const tenantId = search.get("tenantId") ?? "";
  if (!REPORT.test(report) || !FORMAT.test(format) || !DAY.test(from) || !DAY.test(to)) {
    return new Response("Choose a report, a format and both dates.", { status: 400 });
  }
  if (tenantId && !UUID.test(tenantId)) return new Response("No such tenant.", { status: 404 });
  const tokens = await currentTokens();
  if (!tokens) return new Response("Sign in again to download reports.", { status: 401 });
  // The API's period is half-open [from, to): the day after "to" makes the chosen last day count.
  const until = new Date(`${to}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() + 1);
  const target = new URL(`/reports/${report}.${format}`, apiUrl());
  target.search = new URLSearchParams({
    from,
    to: until.toISOString().slice(0, 10),
    timeZone: search.get("timeZone") || "UTC",
    ...(tenantId ? { tenantId } : {}),
  }).toString();
  const upstream = await fetch(target, {
    headers: { authorization: `Bearer ${tokens.accessToken}`, ...clientProofOf(request.headers) },
    cache: "no-store",
  }).catch(() => null);
  if (!upstream) return new Response("The Atrium API cannot be reached.", { status: 502 });
  if (!upstream.ok) {
    const body = (await upstream.json().catch(() => null)) as { errors?: { message: string }[] } | null;
    return new Response(body?.errors?.[0]?.message ?? "The report could not be made.", { status: upstream.status });
  }
  const headers = new Headers({ "cache-control": "no-store" });
  for (const name of ["content-type", "content-disposition"]) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: 200, headers });
}
