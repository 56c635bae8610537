import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

// Browsers may call the API only from the portal's origin; the portal itself calls it server-side.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ API_CORS_ORIGINS: "https://portal.example.test, https://*.desktops.example.test" });
});

afterAll(async () => {
  await app?.close();
});

async function preflight(path: string, origin: string): Promise<Response> {
  return fetch(new URL(path, app.url), {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
  });
}

describe("API CORS", () => {
  it("answers the portal's origins, including tenant subdomains", async () => {
    for (const origin of ["https://portal.example.test", "https://acme.desktops.example.test"]) {
      const response = await preflight("/graphql", origin);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("vary")).toMatch(/origin/i);
    }
  });

  it("gives any other origin no permission, on GraphQL and on report downloads", async () => {
    for (const origin of ["https://evil.example", "https://desktops.example.test.evil.example", "null"]) {
      for (const path of ["/graphql", "/reports/login-history.csv"]) {
        const response = await preflight(path, origin);
        expect(response.headers.get("access-control-allow-origin")).toBeNull();
      }
      const simple = await fetch(app.url, {
        method: "POST",
        headers: { origin, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(simple.headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});
