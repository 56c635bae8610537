import http from "node:http";
import type { AddressInfo } from "node:net";
import { Socket } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { trustedProxies, vouchForBrowser } from "../../server/browser-client";
import { CLIENT_PROOF_HEADER, signClientProof } from "../../server/client-proof";

// The SSO relay and the report download are the portal's two hand-written hops to the API (GraphQL calls go
// through server-api, covered with sign-in by the e2e client-address test). A browser that writes its own
// X-Forwarded-For and proof must reach the API as the address the portal's server resolved from its socket, and
// carry nothing else that names an address.
vi.mock("@/lib/api/server-api", () => ({ currentTokens: async () => ({ accessToken: "session-token" }) }));

const KEY = "portal-client-key-portal-client-key-0123";
const BROWSER = "203.0.113.9";
const FORGED = "10.1.2.3";
const NOW = new Date();

let seen: http.IncomingHttpHeaders[] = [];
let api: http.Server;

beforeAll(async () => {
  api = http.createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { "content-type": "text/csv" }).end("ok");
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  process.env.ATRIUM_API_URL = `http://127.0.0.1:${(api.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

/** What Next.js hands a route once the portal's server vouched for a browser that forged its headers. */
function vouchedRequest(path: string): NextRequest {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: BROWSER });
  const incoming = {
    socket,
    connection: socket,
    headers: {
      "x-forwarded-for": FORGED,
      "x-real-ip": FORGED,
      forwarded: `for=${FORGED}`,
      [CLIENT_PROOF_HEADER]: `v1;${FORGED};0;forged`,
    },
  } as unknown as http.IncomingMessage;
  vouchForBrowser(incoming, trustedProxies(""), KEY, NOW);
  return new NextRequest(`http://portal.test${path}`, { headers: incoming.headers as Record<string, string> });
}

function addressesNamed(headers: http.IncomingHttpHeaders): string[] {
  return ["x-forwarded-for", "x-real-ip", "forwarded"].flatMap((name) =>
    headers[name] ? [String(headers[name])] : [],
  );
}

describe("a forged client address through the portal's own routes", () => {
  it("reaches the API's SSO endpoints only as the portal's signed statement of the socket address", async () => {
    seen = [];
    const { GET } = await import("./auth/sso/[...path]/route");
    const request = vouchedRequest("/auth/sso/provider-1/login?tenant=acme");
    await GET(request, { params: Promise.resolve({ path: ["provider-1", "login"] }) });
    const [headers] = seen;
    const requestId = request.headers.get("x-request-id") ?? "";
    expect(headers?.[CLIENT_PROOF_HEADER]).toBe(signClientProof(KEY, BROWSER, requestId, NOW));
    expect(headers?.["x-request-id"]).toBe(requestId);
    expect(addressesNamed(headers ?? {})).toEqual([]);
  });

  it("reaches the API's report download only as the portal's signed statement of the socket address", async () => {
    seen = [];
    const { GET } = await import("./reports/download/route");
    const request = vouchedRequest("/reports/download?report=login-history&format=csv&from=2026-01-01&to=2026-01-31");
    const response = await GET(request);
    expect(response.status).toBe(200);
    const [headers] = seen;
    const requestId = request.headers.get("x-request-id") ?? "";
    expect(headers?.[CLIENT_PROOF_HEADER]).toBe(signClientProof(KEY, BROWSER, requestId, NOW));
    expect(headers?.authorization).toBe("Bearer session-token");
    expect(addressesNamed(headers ?? {})).toEqual([]);
  });
});
