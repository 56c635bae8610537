import { Assignment, Desktop } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECT, createPolicyRow, createRuleRow, tokenFor } from "../fixtures/broker-factories.js";
import { createCloud, createDesktops, createPool, createTenant, createUser } from "../fixtures/factories.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

const USERS = 200;
const DESKTOPS = 150;

/** Runs on PGlite by default and on PostgreSQL with DATABASE_URL=postgres://… (a fresh database per file). */
describe("broker concurrency: one desktop is never given to two users", () => {
  let app: TestApp;
  let poolId: string;
  let tokens: string[];

  beforeAll(async () => {
    app = await startTestApp();
    const tenant = await createTenant(app, "rush");
    const pool = await createPool(app, tenant, await createCloud(app), "rush");
    poolId = pool.id;
    await createDesktops(app, pool, DESKTOPS);
    const policy = await createPolicyRow(app, tenant, "Everyone", [pool]);
    await createRuleRow(app, tenant, 1, {}, { policy });
    tokens = [];
    for (let index = 0; index < USERS; index++) {
      tokens.push(await tokenFor(app, await createUser(app, tenant, `user${index}`, "tenant_user")));
    }
  }, 120_000);
  afterAll(() => app.close());

  it(`${USERS} users connect at once to ${DESKTOPS} desktops`, async () => {
    const results = await Promise.all(
      tokens.map((token) => app.gql<{ connect: { desktopId: string } }>(CONNECT, { input: { poolId } }, token)),
    );
    const won = results.filter((result) => result.data?.connect).map((result) => result.data!.connect.desktopId);
    const lost = results.filter((result) => !result.data?.connect);
    expect(won).toHaveLength(DESKTOPS);
    expect(new Set(won).size).toBe(DESKTOPS);
    expect(lost).toHaveLength(USERS - DESKTOPS);
    for (const result of lost) {
      expect(result.errors?.map((error) => [error.extensions?.code, error.extensions?.reason])).toEqual([
        ["CONFLICT", "NO_DESKTOP_AVAILABLE"],
      ]);
    }

    const ds = app.database.dataSource;
    const desktops = await ds.getRepository(Desktop).find({ where: { poolId } });
    const holders = desktops.map((desktop) => desktop.assignedUserId);
    expect(holders.every((holder) => holder !== null)).toBe(true);
    expect(new Set(holders).size).toBe(DESKTOPS);
    const open = await ds.getRepository(Assignment).find({ where: { poolId } });
    expect(open).toHaveLength(DESKTOPS);
    expect(new Set(open.map((assignment) => assignment.desktopId)).size).toBe(DESKTOPS);
    expect(new Set(open.map((assignment) => assignment.userId)).size).toBe(DESKTOPS);
    // The history agrees with the desktops: each desktop's open assignment is its holder's.
    const holderOf = new Map(desktops.map((desktop) => [desktop.id, desktop.assignedUserId]));
    for (const assignment of open) expect(holderOf.get(assignment.desktopId)).toBe(assignment.userId);
  }, 300_000);
});
