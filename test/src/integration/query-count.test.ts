import type { Logger } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createDesktops,
  createPool,
  createTenantWithPeople,
  createUser,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";

class StatementCounter implements Logger {
  count = 0;
  logQuery() {
    this.count++;
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

let app: TestApp;
let acme: TenantFixture;
const counter = new StatementCounter();

const PAGE = `query($first: Int!) {
  desktops(first: $first) {
    totalCount
    nodes { name availability pool { name minAvailable } assignedUser { username roles } }
  }
}`;

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  const cloud = await createCloud(app);
  const pools = [
    await createPool(app, acme.tenant, cloud, "win11"),
    await createPool(app, acme.tenant, cloud, "ubuntu"),
  ];
  const users = [];
  for (let n = 0; n < 25; n++) users.push(await createUser(app, acme.tenant, `worker${n}`, "tenant_user"));
  await createDesktops(app, pools[0]!, 30, users);
  await createDesktops(app, pools[1]!, 30, users.slice(0, 10));
  app.database.dataSource.setOptions({ logger: counter, logging: ["query"] });
});

afterAll(async () => {
  await app?.close();
});

async function statementsFor(first: number): Promise<number> {
  const before = counter.count;
  const result = dataOf(
    await app.gql<{ desktops: { nodes: { pool: { name: string }; assignedUser: { username: string } | null }[] } }>(
      PAGE,
      { first },
      acme.adminToken,
    ),
  );
  expect(result.desktops.nodes).toHaveLength(first);
  expect(result.desktops.nodes.every((node) => node.pool.name && node.assignedUser?.username)).toBe(true);
  return counter.count - before;
}

describe("DataLoader batching", () => {
  it("a page of 50 desktops with pool and user costs the same few statements as a page of 5", async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(large).toBe(small);
    // Authentication (session, user, memberships, bindings) + count + page + pools + users + memberships + bindings.
    expect(large).toBeLessThanOrEqual(12);
  });
});
