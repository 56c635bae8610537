import fs from "node:fs";
import { issueDesktopAgentToken, tenantDb } from "@atrium/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentEvent } from "../fixtures/broker-factories.js";
import {
  createCloud,
  createDesktops,
  createPool,
  createTenantWithPeople,
  type TenantFixture,
} from "../fixtures/factories.js";
import { type OwnPostgres, startOwnPostgres } from "../fixtures/own-postgres.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

const hasBinaries = fs.existsSync("/usr/lib/postgresql/15/bin/pg_ctl");
if (!hasBinaries) {
  process.stdout.write(
    "database-outage: skipped: needs Debian's PostgreSQL 15 binaries to stop a cluster of its own\n",
  );
}

const ME = "{ me { id } }";
const SIGN_IN =
  "mutation($input: SignInInput!) { signInWithPassword(input: $input) { ... on AuthPayload { accessToken } } }";

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * While the database restarts or fails over, every caller (a billing job, the portal, a script) is told to retry,
 * with a code it can program against, and learns nothing of the driver.
 */
describe.skipIf(!hasBinaries)("the API while its database is out of reach", () => {
  let pg: OwnPostgres;
  let app: TestApp;
  let acme: TenantFixture;
  let agentToken = "";

  beforeAll(async () => {
    // The machine's shared server serves other suites; this test stops a cluster of its own.
    pg = await startOwnPostgres();
    app = await startTestApp({}, pg.url);
    acme = await createTenantWithPeople(app, "acme");
    const pool = await createPool(app, acme.tenant, await createCloud(app), "outage");
    const [desktop] = await createDesktops(app, pool, 1);
    const db = tenantDb(app.database.dataSource.manager, acme.tenant.id).requireTenant();
    agentToken = await issueDesktopAgentToken(db, desktop!.id);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    pg?.dispose();
  }, 120_000);

  async function post(query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
    const response = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  }

  async function download(): Promise<Answer> {
    const response = await fetch(new URL("/reports/usage.csv?from=2026-01-01&to=2026-12-31", app.url), {
      headers: { authorization: `Bearer ${acme.adminToken}` },
    });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  }

  function expectRetryable(answer: Answer, status: number) {
    expect(answer.status).toBe(status);
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    const message = answer.body.errors?.[0]?.message ?? "";
    expect(message).toMatch(/^The service is briefly unavailable; try again in a few seconds \(request .+\)$/);
    expect(message).not.toMatch(/ECONN|terminat|postgres|connect/i);
  }

  it("answers SERVICE_UNAVAILABLE to retry on, and answers normally once the database is back", async () => {
    expect((await post(ME, {}, acme.adminToken)).body.errors).toBeUndefined();

    pg.stop();
    try {
      // Authentication itself needs the database: the whole request is refused as a 503.
      expectRetryable(await post(ME, {}, acme.adminToken), 503);
      // An anonymous sign-in reaches its resolver, which fails: a GraphQL error beside the field.
      const signIn = await post(SIGN_IN, { input: { username: "admin", password: "wrong", tenant: "acme" } });
      expectRetryable(signIn, 200);
      expect(signIn.body.errors?.[0]).toMatchObject({ path: ["signInWithPassword"] });
      expectRetryable(await download(), 503);
      // A desktop's agent is told the broker is briefly away, not that its event was bad.
      const agent = await agentEvent(app, agentToken, { event: "heartbeat" });
      expect(agent).toEqual({
        status: 503,
        body: { error: "the broker's database is out of reach; send again later" },
      });
    } finally {
      pg.start();
    }

    expect((await agentEvent(app, agentToken, { event: "heartbeat" })).status).toBe(200);
    const after = await post(ME, {}, acme.adminToken);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data).toEqual({ me: { id: expect.any(String) } });
  }, 120_000);
});
