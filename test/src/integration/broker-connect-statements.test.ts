import type { Desktop } from "@atrium/schema";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECT, createPolicyRow, createRuleRow, tokenFor } from "../fixtures/broker-factories.js";
import { createCloud, createDesktops, createPool, createTenant, createUser } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";

/**
 * Every statement the app sends, counted where it leaves for the database: the pg driver's Client.query, which
 * TypeORM, raw SQL and transaction control (BEGIN/COMMIT) all go through, on PGlite and on PostgreSQL alike.
 */
const sent: string[] = [];
const driverQuery = pg.Client.prototype.query;

let app: TestApp;
let poolId: string;
let desktops: Desktop[];
let alice: string;
let bob: string;

beforeAll(async () => {
  app = await startTestApp();
  const tenant = await createTenant(app, "counted");
  const pool = await createPool(app, tenant, await createCloud(app), "counted");
  poolId = pool.id;
  desktops = await createDesktops(app, pool, 6);
  // A limit makes connect count the user's desktops, the read that used to happen twice on the pool path.
  const policy = await createPolicyRow(app, tenant, "Everyone", [pool], { maxDesktops: 3 });
  await createRuleRow(app, tenant, 1, {}, { policy });
  alice = await tokenFor(app, await createUser(app, tenant, "alice", "tenant_user"));
  bob = await tokenFor(app, await createUser(app, tenant, "bob", "tenant_user"));
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first] = args;
    sent.push(typeof first === "string" ? first : String((first as { text?: string })?.text));
    return (driverQuery as (...rest: unknown[]) => unknown).apply(this, args);
  } as typeof driverQuery;
});

afterAll(async () => {
  pg.Client.prototype.query = driverQuery;
  await app?.close();
});

/**
 * Connects and checks how many statements the request sent, from authentication to the committed assignment and
 * session; a failure lists them.
 */
async function expectStatements(input: Record<string, string>, token: string, count: number) {
  const from = sent.length;
  dataOf(await app.gql<{ connect: { desktopId: string } }>(CONNECT, { input }, token));
  const statements = sent.slice(from);
  expect(statements, statements.join("\n")).toHaveLength(count);
}

describe("connect: the statements one request sends", () => {
  // Pinned: a change to the connect path that sends more shows up here. Before the two claims became one and the
  // user's desktops were read once, a first connect to a pool sent 24 statements (the held desktops were read for
  // the pool, then again for the limit); the other two paths sent 21. Each count includes the one statement that
  // sets the tenant for row-level security at the start of the connect's transaction, paid for by reading the user
  // once per request (authentication's read, not a second one for the access decision).
  it("a first connect to a pool: one read of the user's desktops, one claim statement", async () => {
    await expectStatements({ poolId }, alice, 23);
  });

  it("connecting to the pool again gives the held desktop back without claiming", async () => {
    await expectStatements({ poolId }, alice, 21);
  });

  it("connecting to one offered desktop by id claims it with the same statement as a pool connect", async () => {
    await expectStatements({ desktopId: desktops[5]!.id }, bob, 21);
  });
});
