import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createMspAdmin,
  createPool,
  createTenantWithPeople,
  signIn,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

interface Event {
  actorName: string;
  actorType: string;
  action: string;
  targetType: string | null;
  targetName: string | null;
  targetExists: boolean;
}

const AUDIT = `query($filter: AuditFilter, $first: Int = 100, $after: String) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { actorName actorType action targetType targetName targetExists createdAt }
  }
}`;

const OFFER =
  "mutation($poolId: ID!, $input: OfferPoolInput!) { offerPool(poolId: $poolId, input: $input) { id name } }";
const OFFERED = "query($id: ID!) { pool(id: $id) { offeredBy { name } } }";

// The audit log answers an investigation: who (sign-ins included), what, about which object by its current name,
// filtered by actor, action, target and period on the server, in pages.
describe("audit log for investigations, and a pool reaching its users", () => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;

  const events = async (filter: Record<string, unknown> | null, token = acme.adminToken) =>
    dataOf(await app.gql<{ auditEvents: { totalCount: number; nodes: Event[] } }>(AUDIT, { filter }, token))
      .auditEvents;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token = acme.adminToken) =>
    app.gql<T>(query, variables, token).then(dataOf);

  beforeAll(async () => {
    app = await startTestApp();
    acme = await createTenantWithPeople(app, "acme");
    globex = await createTenantWithPeople(app, "globex");
  });
  afterAll(() => app.close());

  it("names the user of a sign-in, and the name typed for a failed one", async () => {
    await signIn(app, "user1", "acme");
    await app.gql(
      `mutation { signInWithPassword(input: { username: "user1", password: "wrong-Password-1", tenant: "acme" }) { __typename } }`,
    );
    const signIns = await events({ actor: "USER1" });
    expect(signIns.nodes.map((e) => [e.action, e.actorName, e.actorType])).toEqual(
      expect.arrayContaining([
        ["signIn", "user1", "USER"],
        ["signIn.failed", "user1", "USER"],
      ]),
    );
    expect(signIns.nodes.every((e) => e.actorName === "user1")).toBe(true);
    expect((await events({ action: "signIn" })).nodes.some((e) => e.actorName === "anonymous")).toBe(false);
  });

  it("marks MSP staff acting inside the tenant", async () => {
    const msp = await createMspAdmin(app);
    await gql("mutation($id: ID!) { enterTenant(tenantId: $id) { actingTenantId } }", { id: acme.tenant.id }, msp);
    await gql(`mutation { createGroup(input: { name: "night-shift" }) { id } }`, {}, msp);
    const [created] = (await events({ action: "createGroup", actor: "msp-admin" })).nodes;
    expect(created).toMatchObject({ actorName: "msp-admin", actorType: "MSP_STAFF", targetName: "night-shift" });
  });

  it("names the target as it is now, and as recorded once it is gone", async () => {
    const { createGroup: group } = await gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "finance" }) { id } }`,
    );
    await gql(`mutation($id: ID!) { updateGroup(id: $id, input: { name: "finance-emea" }) { id } }`, { id: group.id });
    const history = await events({ targetType: "Group", targetId: group.id });
    expect(history.nodes.map((e) => [e.action, e.targetName, e.targetExists])).toEqual([
      ["updateGroup", "finance-emea", true],
      ["createGroup", "finance-emea", true],
    ]);
    await gql(`mutation($id: ID!) { deleteGroup(id: $id) { id } }`, { id: group.id });
    const gone = await events({ targetId: group.id });
    expect(gone.nodes[0]).toMatchObject({ action: "deleteGroup", targetName: "finance-emea", targetExists: false });
  });

  it("filters by period and pages on the server; another tenant's log never shows acme's events", async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect((await events({ from: hourAgo })).totalCount).toBeGreaterThan(3);
    expect((await events({ to: hourAgo })).totalCount).toBe(0);
    const backwards = await app.gql(
      AUDIT,
      { filter: { from: new Date().toISOString(), to: hourAgo } },
      acme.adminToken,
    );
    expect(errorCodes(backwards)).toEqual(["BAD_USER_INPUT"]);
    const first = await gql<{ auditEvents: { nodes: Event[]; pageInfo: { hasNextPage: boolean } } }>(AUDIT, {
      filter: null,
      first: 2,
    });
    expect(first.auditEvents.nodes).toHaveLength(2);
    expect(first.auditEvents.pageInfo.hasNextPage).toBe(true);
    expect((await events({ action: "createGroup" }, globex.adminToken)).totalCount).toBe(0);
  });

  it("offers a new pool to chosen groups through a new policy placed first; foreign ids are NOT_FOUND", async () => {
    const pool = await createPool(app, acme.tenant, await createCloud(app), "designers");
    const offered = async () => (await gql<{ pool: { offeredBy: { name: string }[] } }>(OFFERED, { id: pool.id })).pool;
    expect((await offered()).offeredBy).toEqual([]);
    const { createGroup: group } = await gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "design" }) { id } }`,
    );
    const offer = (input: Record<string, unknown>, token = acme.adminToken) =>
      app.gql<{ offerPool: { id: string } }>(OFFER, { poolId: pool.id, input }, token);
    expect(errorCodes(await offer({ newPolicyName: "Sneaky", groupIds: [group.id] }, globex.adminToken))).toEqual([
      "NOT_FOUND",
    ]);
    expect(errorCodes(await offer({ newPolicyName: "Design", groupIds: [group.id] }, acme.helpdeskToken))).toEqual([
      "FORBIDDEN",
    ]);
    expect(errorCodes(await offer({ newPolicyName: "Design", groupIds: [] }))).toEqual(["BAD_USER_INPUT"]);
    const policy = dataOf(await offer({ newPolicyName: "Design", groupIds: [group.id] })).offerPool;
    expect((await offered()).offeredBy).toEqual([{ name: "Design" }]);
    const { assignmentRules } = await gql<{
      assignmentRules: { nodes: { policyId: string; condition: { group: string } }[] };
    }>("{ assignmentRules(first: 50) { nodes { policyId condition { group } } } }");
    // The group's rule decides first: a broader allow above it would shadow it.
    expect(assignmentRules.nodes[0]).toMatchObject({ policyId: policy.id, condition: { group: "design" } });
    expect(errorCodes(await offer({ policyId: policy.id }))).toEqual(["CONFLICT"]);
    const [audited] = (await events({ action: "offerPool" })).nodes;
    expect(audited).toMatchObject({ targetType: "Policy", targetName: "Design", actorName: "admin" });
  });
});
