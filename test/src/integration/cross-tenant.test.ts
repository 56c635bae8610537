import { AuditEvent, Desktop, Group, Pool, Tenant, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createDesktops,
  createGroup,
  createMspAdmin,
  createPool,
  createTenantWithPeople,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Acting as tenant B with tenant A's ids must look exactly like a missing id, and must change nothing of A's.
let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;
let acmeGroup: Group;
let acmePool: Pool;
let acmeDesktop: Desktop;
let acmeApiKeyId: string;

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  acmeGroup = await createGroup(app, acme.tenant, "engineers");
  const cloud = await createCloud(app);
  acmePool = await createPool(app, acme.tenant, cloud);
  [acmeDesktop] = await createDesktops(app, acmePool, 1, [acme.user]);
  const created = await app.gql<{ createApiKey: { apiKey: { id: string } } }>(
    `mutation { createApiKey(input: { name: "billing", scopes: [BILLING_READ] }) { apiKey { id } } }`,
    {},
    acme.adminToken,
  );
  acmeApiKeyId = dataOf(created).createApiKey.apiKey.id;
});

afterAll(async () => {
  await app?.close();
});

async function snapshot<T extends object>(entity: new () => T, id: string) {
  return app.database.dataSource.getRepository(entity).findOneByOrFail({ id } as never);
}

describe("cross-tenant isolation", () => {
  it("users: read, update and delete of another tenant's user are NOT_FOUND and change nothing", async () => {
    const before = await snapshot(User, acme.user.id);
    const read = await app.gql(`query($id: ID!) { user(id: $id) { id } }`, { id: acme.user.id }, globex.adminToken);
    const update = await app.gql(
      `mutation($id: ID!) { updateUser(id: $id, input: { displayName: "pwned", disabled: true }) { id } }`,
      { id: acme.user.id },
      globex.adminToken,
    );
    const remove = await app.gql(
      `mutation($id: ID!) { deleteUser(id: $id) { id } }`,
      { id: acme.user.id },
      globex.adminToken,
    );
    expect([...errorCodes(read), ...errorCodes(update), ...errorCodes(remove)]).toEqual([
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
    ]);
    expect(await snapshot(User, acme.user.id)).toEqual(before);
    const list = dataOf(
      await app.gql<{ users: { nodes: { id: string }[] } }>(`{ users { nodes { id } } }`, {}, globex.adminToken),
    );
    expect(list.users.nodes.map((n) => n.id)).not.toContain(acme.user.id);
  });

  it("groups: reading, renaming, deleting and adding members across tenants is NOT_FOUND", async () => {
    const before = await snapshot(Group, acmeGroup.id);
    const results = await Promise.all([
      app.gql(`query($id: ID!) { group(id: $id) { id } }`, { id: acmeGroup.id }, globex.adminToken),
      app.gql(
        `mutation($id: ID!) { updateGroup(id: $id, input: { name: "x" }) { id } }`,
        { id: acmeGroup.id },
        globex.adminToken,
      ),
      app.gql(`mutation($id: ID!) { deleteGroup(id: $id) { id } }`, { id: acmeGroup.id }, globex.adminToken),
      app.gql(
        `mutation($g: ID!, $u: ID!) { addGroupMember(groupId: $g, userId: $u) { id } }`,
        { g: acmeGroup.id, u: globex.user.id },
        globex.adminToken,
      ),
    ]);
    expect(results.flatMap(errorCodes), JSON.stringify(results)).toEqual([
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
    ]);
    expect(await snapshot(Group, acmeGroup.id)).toEqual(before);
  });

  it("groups: a tenant cannot pull another tenant's user into its own group", async () => {
    const own = await createGroup(app, globex.tenant, "sneaky");
    const result = await app.gql(
      `mutation($g: ID!, $u: ID!) { addGroupMember(groupId: $g, userId: $u) { id } }`,
      { g: own.id, u: acme.user.id },
      globex.adminToken,
    );
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
  });

  it("pools and desktops: another tenant's ids are NOT_FOUND and lists never include them", async () => {
    const results = await Promise.all([
      app.gql(`query($id: ID!) { pool(id: $id) { id } }`, { id: acmePool.id }, globex.adminToken),
      app.gql(`query($id: ID!) { desktop(id: $id) { id } }`, { id: acmeDesktop.id }, globex.adminToken),
    ]);
    expect(results.flatMap(errorCodes)).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    const lists = dataOf(
      await app.gql<{ pools: { totalCount: number }; desktops: { totalCount: number } }>(
        `query($pool: ID!) { pools { totalCount } desktops(filter: { poolId: $pool }) { totalCount } }`,
        { pool: acmePool.id },
        globex.adminToken,
      ),
    );
    expect(lists).toEqual({ pools: { totalCount: 0 }, desktops: { totalCount: 0 } });
    expect(await snapshot(Pool, acmePool.id)).toMatchObject({ name: acmePool.name });
    expect(await snapshot(Desktop, acmeDesktop.id)).toMatchObject({ assignedUserId: acme.user.id });
  });

  it("API keys: another tenant cannot see or revoke them", async () => {
    const revoke = await app.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: acmeApiKeyId },
      globex.adminToken,
    );
    expect(errorCodes(revoke)).toEqual(["NOT_FOUND"]);
    const keys = dataOf(await app.gql<{ apiKeys: { id: string }[] }>(`{ apiKeys { id } }`, {}, globex.adminToken));
    expect(keys.apiKeys).toEqual([]);
    const own = dataOf(
      await app.gql<{ apiKeys: { id: string; revokedAt: string | null }[] }>(
        `{ apiKeys { id revokedAt } }`,
        {},
        acme.adminToken,
      ),
    );
    expect(own.apiKeys).toEqual([{ id: acmeApiKeyId, revokedAt: null }]);
  });

  it("audit log: each tenant sees only its own events", async () => {
    const events = dataOf(
      await app.gql<{ auditEvents: { nodes: { targetId: string | null }[] } }>(
        `{ auditEvents(first: 200) { nodes { targetId } } }`,
        {},
        globex.adminToken,
      ),
    );
    const foreign = await app.database.dataSource.getRepository(AuditEvent).findBy({ tenantId: acme.tenant.id });
    const foreignIds = new Set(foreign.map((event) => event.id));
    expect(foreign.length).toBeGreaterThan(0);
    expect(events.auditEvents.nodes.some((node) => node.targetId && foreignIds.has(node.targetId))).toBe(false);
    expect(events.auditEvents.nodes.every((node) => node.targetId !== acmeApiKeyId)).toBe(true);
  });

  it("tenants and clouds: tenant admins cannot reach MSP resources at all", async () => {
    const results = await Promise.all([
      app.gql(`{ tenants { totalCount } }`, {}, globex.adminToken),
      app.gql(`query($id: ID!) { tenant(id: $id) { id } }`, { id: acme.tenant.id }, globex.adminToken),
      app.gql(
        `mutation($id: ID!) { updateTenant(id: $id, input: { name: "x" }) { id } }`,
        { id: acme.tenant.id },
        globex.adminToken,
      ),
      app.gql(`{ clouds { totalCount } }`, {}, globex.adminToken),
    ]);
    expect(results.flatMap(errorCodes)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    expect(await snapshot(Tenant, acme.tenant.id)).toMatchObject({ name: acme.tenant.name });
  });

  it("currentTenant answers with the caller's own tenant only", async () => {
    const own = dataOf(
      await app.gql<{ currentTenant: { slug: string } }>(`{ currentTenant { slug } }`, {}, globex.helpdeskToken),
    );
    expect(own.currentTenant.slug).toBe("globex");
  });

  it("an MSP admin reaches a tenant's rows only after entering it, and entering is audited", async () => {
    const msp = await createMspAdmin(app);
    const outside = await app.gql(`{ users { totalCount } }`, {}, msp);
    expect(errorCodes(outside)).toEqual(["FORBIDDEN"]);
    dataOf(
      await app.gql(
        `mutation($id: ID!) { enterTenant(tenantId: $id) { actingTenantId } }`,
        { id: acme.tenant.id },
        msp,
      ),
    );
    const inside = dataOf(await app.gql<{ users: { totalCount: number } }>(`{ users { totalCount } }`, {}, msp));
    expect(inside.users.totalCount).toBe(3);
    const entered = await app.database.dataSource
      .getRepository(AuditEvent)
      .findOneBy({ action: "enterTenant", tenantId: acme.tenant.id });
    expect(entered?.actorName).toBe("msp-admin");
    dataOf(await app.gql(`mutation { leaveTenant { actingTenantId } }`, {}, msp));
    expect(errorCodes(await app.gql(`{ users { totalCount } }`, {}, msp))).toEqual(["FORBIDDEN"]);
  });
});
