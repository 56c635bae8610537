import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { apiUrl } from "@/lib/api/graphql-fetch";

export const dynamic = "force-dynamic";

// The browser's address goes on as the portal server signed it (x-atrium-client with its x-request-id), never as
// a forwarded-for the API would have to believe. The forwarded proto and host are the ones the portal server kept
// from its trusted proxies or set itself (portal/server/browser-client.ts); the API believes them with the proof.
const REQUEST_HEADERS = [
  "accept",
  "accept-language",
  "content-type",
  "cookie",
  "user-agent",
  "x-atrium-client",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-request-id",
];
const RESPONSE_HEADERS = ["location", "content-type", "cache-control"];

/**
 * The API's browser SSO endpoints (start, SAML ACS, OIDC callback, SP metadata) served on the portal's own origin.
 * The API builds its callback URLs on ATRIUM_PUBLIC_URL, or without it on the origin the browser used (the Host and
 * forwarded proto passed on here), so the IdP returns the user to the portal, and the landing page is reached.
 * (fetch cannot send a Host header, hence node:http.)
 */
async function relay(request: NextRequest, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await params;
  const target = new URL(`/auth/sso/${path.map(encodeURIComponent).join("/")}${request.nextUrl.search}`, apiUrl());
  const headers: Record<string, string> = { host: request.headers.get("host") ?? target.host };
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  const body = request.method === "POST" ? Buffer.from(await request.arrayBuffer()) : undefined;
  const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const call = (target.protocol === "https:" ? https : http).request(
      target,
      { method: request.method, headers },
      resolve,
    );
    call.on("error", reject);
    call.end(body);
  }).catch(() => null);
  if (!upstream) return new Response("The sign-in service cannot be reached.", { status: 502 });
  const out = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers[name];
    if (typeof value === "string") out.set(name, value);
  }
  for (const cookie of upstream.headers["set-cookie"] ?? []) out.append("set-cookie", cookie);
  const status = upstream.statusCode ?? 502;
  const hasBody = status !== 204 && status !== 304 && request.method !== "HEAD";
  return new Response(hasBody ? (Readable.toWeb(upstream) as ReadableStream) : null, { status, headers: out });
}

export { relay as GET, relay as POST };
