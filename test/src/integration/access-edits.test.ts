import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCloud, createPool, createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, type GraphqlResult, startTestApp, type TestApp } from "../fixtures/test-app.js";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Editable {
  name: string;
  create: string;
  input: Record<string, unknown>;
  update: string;
  edit: Record<string, unknown>;
  bad: Record<string, unknown>;
  read: string;
}

const reasons = (result: GraphqlResult) => result.errors?.map((error) => error.extensions?.reason);

// Each editable access object: an edit sends back the updatedAt it read; an edit from an older copy is refused.
const EDITABLE = (poolId: string): Editable[] => [
  {
    name: "Location",
    create: "mutation($input: CreateLocationInput!) { r: createLocation(input: $input) { id updatedAt } }",
    input: { name: "Head office", cidrs: ["203.0.113.0/24"] },
    update:
      "mutation($id: ID!, $input: UpdateLocationInput!, $at: DateTimeISO) { r: updateLocation(id: $id, input: $input, expectedUpdatedAt: $at) { id name updatedAt } }",
    edit: { name: "Main office" },
    bad: { cidrs: ["10.0.0.0/33"] },
    read: "query($id: ID!) { r: location(id: $id) { name } }",
  },
  {
    name: "ProtocolPlan",
    create: "mutation($input: ProtocolPlanInput!) { r: createProtocolPlan(input: $input) { id updatedAt } }",
    input: { name: "RDP first", protocols: [{ protocol: "RDP" }] },
    update:
      "mutation($id: ID!, $input: ProtocolPlanInput!, $at: DateTimeISO) { r: updateProtocolPlan(id: $id, input: $input, expectedUpdatedAt: $at) { id name updatedAt } }",
    edit: { name: "VNC first", protocols: [{ protocol: "VNC" }] },
    bad: { name: "Bad", protocols: [{ protocol: "RDP", rdpOptions: ["evil\nline"] }] },
    read: "query($id: ID!) { r: protocolPlan(id: $id) { name } }",
  },
  {
    name: "PowerPlan",
    create: "mutation($input: PowerPlanInput!) { r: createPowerPlan(input: $input) { id updatedAt } }",
    input: { name: "Suspend", onDisconnect: "SUSPEND", onDisconnectMinutes: 15 },
    update:
      "mutation($id: ID!, $input: PowerPlanInput!, $at: DateTimeISO) { r: updatePowerPlan(id: $id, input: $input, expectedUpdatedAt: $at) { id name updatedAt } }",
    edit: { name: "Shut down", onDisconnect: "STOP", onDisconnectMinutes: 30 },
    bad: { name: "Bad", onDisconnectMinutes: -1 },
    read: "query($id: ID!) { r: powerPlan(id: $id) { name } }",
  },
  {
    name: "ReleasePlan",
    create: "mutation($input: ReleasePlanInput!) { r: createReleasePlan(input: $input) { id updatedAt } }",
    input: { name: "Floating", releaseAfterLogoutMinutes: 0, onRelease: "REBUILD" },
    update:
      "mutation($id: ID!, $input: ReleasePlanInput!, $at: DateTimeISO) { r: updateReleasePlan(id: $id, input: $input, expectedUpdatedAt: $at) { id name updatedAt } }",
    edit: { name: "Keep", releaseAfterLogoutMinutes: 60, onRelease: "KEEP" },
    bad: { name: "Bad", onRelease: "burn" },
    read: "query($id: ID!) { r: releasePlan(id: $id) { name } }",
  },
  {
    name: "Policy",
    create: "mutation($input: CreatePolicyInput!) { r: createPolicy(input: $input) { id updatedAt } }",
    input: { name: "Staff", entitlements: [{ poolId }] },
    update:
      "mutation($id: ID!, $input: UpdatePolicyInput!, $at: DateTimeISO) { r: updatePolicy(id: $id, input: $input, expectedUpdatedAt: $at) { id name updatedAt } }",
    edit: { name: "Office staff" },
    bad: { entitlements: [{ poolId, offerCount: 0 }] },
    read: "query($id: ID!) { r: policy(id: $id) { name } }",
  },
];

describe("access objects are edited in place: same validation, stale copies refused, audited by name", () => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let poolId: string;

  beforeAll(async () => {
    app = await startTestApp();
    acme = await createTenantWithPeople(app, "acme");
    globex = await createTenantWithPeople(app, "globex");
    poolId = (await createPool(app, acme.tenant, await createCloud(app), "staff")).id;
  });
  afterAll(() => app.close());

  it("an edit from the current copy applies; one from an older copy is CONFLICT STALE_EDIT and changes nothing", async () => {
    for (const object of EDITABLE(poolId)) {
      const created = dataOf(
        await app.gql<{ r: { id: string; updatedAt: string } }>(
          object.create,
          { input: object.input },
          acme.adminToken,
        ),
      ).r;
      const vars = { id: created.id, at: created.updatedAt };
      // The same validation as create: the edit is refused and the object keeps its name.
      const bad = await app.gql(object.update, { ...vars, input: object.bad }, acme.adminToken);
      expect(errorCodes(bad), object.name).toEqual(["BAD_USER_INPUT"]);
      const edited = dataOf(
        await app.gql<{ r: { name: string; updatedAt: string } }>(
          object.update,
          { ...vars, input: object.edit },
          acme.adminToken,
        ),
      ).r;
      expect(edited.name).toBe(object.edit.name);
      expect(edited.updatedAt, object.name).not.toBe(created.updatedAt);
      const stale = await app.gql(object.update, { ...vars, input: object.input }, acme.adminToken);
      expect(errorCodes(stale), object.name).toEqual(["CONFLICT"]);
      expect(reasons(stale)).toEqual(["STALE_EDIT"]);
      expect(stale.errors?.[0]?.message).toMatch(/changed since you opened it/);
      const still = dataOf(await app.gql<{ r: { name: string } }>(object.read, { id: created.id }, acme.adminToken));
      expect(still.r.name).toBe(object.edit.name);
      // Another tenant's admin, even with the right updatedAt, finds nothing to edit.
      const foreign = await app.gql(
        object.update,
        { id: created.id, at: edited.updatedAt, input: object.input },
        globex.adminToken,
      );
      expect(errorCodes(foreign), object.name).toEqual(["NOT_FOUND"]);
      expect(
        dataOf(await app.gql<{ r: { name: string } }>(object.read, { id: created.id }, acme.adminToken)).r.name,
      ).toBe(object.edit.name);
    }
  });

  it("a policy whose entitlements alone changed refuses the older copy too", async () => {
    const policy = dataOf(
      await app.gql<{ r: { id: string; updatedAt: string } }>(
        "mutation($input: CreatePolicyInput!) { r: createPolicy(input: $input) { id updatedAt } }",
        { input: { name: "Contractors", entitlements: [{ poolId }] } },
        acme.adminToken,
      ),
    ).r;
    const UPDATE =
      "mutation($id: ID!, $input: UpdatePolicyInput!, $at: DateTimeISO) { r: updatePolicy(id: $id, input: $input, expectedUpdatedAt: $at) { updatedAt entitlements { offerCount } } }";
    const first = await app.gql<{ r: { updatedAt: string } }>(
      UPDATE,
      { id: policy.id, at: policy.updatedAt, input: { entitlements: [{ poolId, offerCount: 2 }] } },
      acme.adminToken,
    );
    expect(dataOf(first).r.updatedAt).not.toBe(policy.updatedAt);
    const second = await app.gql(
      UPDATE,
      { id: policy.id, at: policy.updatedAt, input: { entitlements: [{ poolId, offerCount: 3 }] } },
      acme.adminToken,
    );
    expect(reasons(second)).toEqual(["STALE_EDIT"]);
  });

  it("reorders every rule in one go, refuses a list that misses a new rule, and audits before/after by name", async () => {
    const location = (name: string, cidr: string) =>
      app
        .gql<{ r: { id: string } }>(
          "mutation($input: CreateLocationInput!) { r: createLocation(input: $input) { id } }",
          { input: { name, cidrs: [cidr] } },
          acme.adminToken,
        )
        .then((result) => dataOf(result).r.id);
    const office = await location("Office", "198.51.100.0/24");
    const branch = await location("Branch", "192.0.2.0/24");
    const policy = dataOf(
      await app.gql<{ r: { id: string } }>(
        "mutation($input: CreatePolicyInput!) { r: createPolicy(input: $input) { id } }",
        { input: { name: "Branch staff", entitlements: [{ poolId }] } },
        acme.adminToken,
      ),
    ).r.id;
    const CREATE =
      "mutation($input: AssignmentRuleInput!) { r: createAssignmentRule(input: $input) { id position updatedAt } }";
    const rule = (position: number, description: string, locationIds: string[]) =>
      app
        .gql<{ r: { id: string; position: number; updatedAt: string } }>(
          CREATE,
          { input: { position, description, effect: "ALLOW", policyId: policy, locationIds } },
          acme.adminToken,
        )
        .then((result) => dataOf(result).r);
    const first = await rule(1, "Office rule", [office]);
    const second = await rule(2, "Branch rule", [branch]);
    const third = await rule(3, "Anywhere rule", []);

    // Edit in place: the first rule moves from Office to Branch; the audit names both, no ids.
    const UPDATE_RULE =
      "mutation($id: ID!, $input: AssignmentRuleInput!, $at: DateTimeISO) { r: updateAssignmentRule(id: $id, input: $input, expectedUpdatedAt: $at) { updatedAt condition { locationIds } } }";
    const moved = await app.gql<{ r: { updatedAt: string; condition: { locationIds: string[] } } }>(
      UPDATE_RULE,
      {
        id: first.id,
        at: first.updatedAt,
        input: { position: 1, description: "Office rule", effect: "ALLOW", policyId: policy, locationIds: [branch] },
      },
      acme.adminToken,
    );
    expect(dataOf(moved).r.condition.locationIds).toEqual([branch]);
    const stale = await app.gql(
      UPDATE_RULE,
      { id: first.id, at: first.updatedAt, input: { position: 1, effect: "DENY" } },
      acme.adminToken,
    );
    expect(reasons(stale)).toEqual(["STALE_EDIT"]);

    const REORDER =
      "mutation($ids: [ID!]!) { r: reorderAssignmentRules(input: { ids: $ids }) { id position description } }";
    const incomplete = await app.gql(REORDER, { ids: [third.id, first.id] }, acme.adminToken);
    expect(reasons(incomplete)).toEqual(["STALE_EDIT"]);
    const twice = await app.gql(REORDER, { ids: [third.id, first.id, first.id] }, acme.adminToken);
    expect(errorCodes(twice)).toEqual(["BAD_USER_INPUT"]);
    // Another tenant cannot reorder (or learn of) acme's rules.
    const foreign = await app.gql(REORDER, { ids: [third.id, second.id, first.id] }, globex.adminToken);
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    const ordered = dataOf(
      await app.gql<{ r: { id: string; position: number }[] }>(
        REORDER,
        { ids: [third.id, second.id, first.id] },
        acme.adminToken,
      ),
    ).r;
    expect(ordered.map((r) => [r.id, r.position])).toEqual([
      [third.id, 10],
      [second.id, 20],
      [first.id, 30],
    ]);
    // The position the editor held is stale after a reorder: its edit would undo the move.
    const afterReorder = await app.gql(
      UPDATE_RULE,
      {
        id: first.id,
        at: dataOf(moved).r.updatedAt,
        input: { position: 1, effect: "DENY" },
      },
      acme.adminToken,
    );
    expect(reasons(afterReorder)).toEqual(["STALE_EDIT"]);

    const audit = dataOf(
      await app.gql<{
        auditEvents: { nodes: { action: string; before: Record<string, unknown>; after: Record<string, unknown> }[] };
      }>("{ auditEvents(first: 50) { nodes { action before after } } }", {}, acme.adminToken),
    ).auditEvents.nodes;
    const edit = audit.find((event) => event.action === "updateAssignmentRule");
    expect(edit?.before).toMatchObject({ where: "Office", policy: "Branch staff" });
    expect(edit?.after).toMatchObject({ where: "Branch", policy: "Branch staff" });
    const reorder = audit.find((event) => event.action === "reorderAssignmentRules");
    expect(reorder?.before).toEqual({
      order: ["Office rule (allow)", "Branch rule (allow)", "Anywhere rule (allow)"],
    });
    expect(reorder?.after).toEqual({
      order: ["Anywhere rule (allow)", "Branch rule (allow)", "Office rule (allow)"],
    });
    for (const event of audit.filter((e) => /Location|Plan|Policy|AssignmentRule/.test(e.action))) {
      expect(JSON.stringify([event.before, event.after]), event.action).not.toMatch(UUID);
    }
  });
});
