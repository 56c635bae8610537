import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createMspAdmin,
  createPool,
  createTenantWithPeople,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

interface Resource {
  name: string;
  create: string;
  input: (ctx: Record<string, string>) => Record<string, unknown>;
  read: string;
  update: string;
  remove: string;
}

const RESOURCES: Resource[] = [
  {
    name: "Location",
    create: "mutation($input: CreateLocationInput!) { r: createLocation(input: $input) { id name } }",
    input: () => ({ name: "Office", cidrs: ["10.0.0.0/8", "2001:db8::/32"], viaGateway: "NO" }),
    read: "query($id: ID!) { r: location(id: $id) { id name } }",
    update: 'mutation($id: ID!) { r: updateLocation(id: $id, input: { name: "Hacked" }) { id } }',
    remove: "mutation($id: ID!) { r: deleteLocation(id: $id) { id } }",
  },
  {
    name: "ProtocolPlan",
    create: "mutation($input: ProtocolPlanInput!) { r: createProtocolPlan(input: $input) { id name } }",
    input: () => ({ name: "Default", protocols: [{ protocol: "RDP", rdpOptions: ["audiomode:i:0"] }] }),
    read: "query($id: ID!) { r: protocolPlan(id: $id) { id name } }",
    update:
      'mutation($id: ID!) { r: updateProtocolPlan(id: $id, input: { name: "Hacked", protocols: [{ protocol: VNC }] }) { id } }',
    remove: "mutation($id: ID!) { r: deleteProtocolPlan(id: $id) { id } }",
  },
  {
    name: "PowerPlan",
    create: "mutation($input: PowerPlanInput!) { r: createPowerPlan(input: $input) { id name } }",
    input: () => ({ name: "Suspend", onDisconnect: "SUSPEND", onDisconnectMinutes: 15 }),
    read: "query($id: ID!) { r: powerPlan(id: $id) { id name } }",
    update: 'mutation($id: ID!) { r: updatePowerPlan(id: $id, input: { name: "Hacked" }) { id } }',
    remove: "mutation($id: ID!) { r: deletePowerPlan(id: $id) { id } }",
  },
  {
    name: "ReleasePlan",
    create: "mutation($input: ReleasePlanInput!) { r: createReleasePlan(input: $input) { id name } }",
    input: () => ({ name: "Floating", releaseAfterLogoutMinutes: 0, onRelease: "REBUILD" }),
    read: "query($id: ID!) { r: releasePlan(id: $id) { id name } }",
    update: 'mutation($id: ID!) { r: updateReleasePlan(id: $id, input: { name: "Hacked" }) { id } }',
    remove: "mutation($id: ID!) { r: deleteReleasePlan(id: $id) { id } }",
  },
  {
    name: "Policy",
    create:
      "mutation($input: CreatePolicyInput!) { r: createPolicy(input: $input) { id name entitlements { poolId } } }",
    input: (ctx) => ({ name: "Staff", entitlements: [{ poolId: ctx.poolId, offerCount: 2, persistent: true }] }),
    read: "query($id: ID!) { r: policy(id: $id) { id name } }",
    update: 'mutation($id: ID!) { r: updatePolicy(id: $id, input: { name: "Hacked" }) { id } }',
    remove: "mutation($id: ID!) { r: deletePolicy(id: $id) { id } }",
  },
  {
    name: "AssignmentRule",
    create: "mutation($input: AssignmentRuleInput!) { r: createAssignmentRule(input: $input) { id position valid } }",
    input: (ctx) => ({ position: 1, subjectType: "GROUP", group: "Staff", effect: "ALLOW", policyId: ctx.policyId }),
    read: "query($id: ID!) { r: assignmentRule(id: $id) { id position } }",
    update: "mutation($id: ID!) { r: updateAssignmentRule(id: $id, input: { position: 9, effect: DENY }) { id } }",
    remove: "mutation($id: ID!) { r: deleteAssignmentRule(id: $id) { id } }",
  },
];

describe("broker configuration: CRUD, permissions, cross-tenant isolation, bad input", () => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const created: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    acme = await createTenantWithPeople(app, "acme");
    globex = await createTenantWithPeople(app, "globex");
    const pool = await createPool(app, acme.tenant, await createCloud(app), "staff");
    created.poolId = pool.id;
  });
  afterAll(() => app.close());

  it("tenant admins create each resource; helpdesk reads but cannot write; end users neither", async () => {
    for (const resource of RESOURCES) {
      const input = resource.input(created);
      expect(errorCodes(await app.gql(resource.create, { input }, acme.helpdeskToken))).toEqual(["FORBIDDEN"]);
      expect(errorCodes(await app.gql(resource.create, { input }, acme.userToken))).toEqual(["FORBIDDEN"]);
      const row = dataOf(await app.gql<{ r: { id: string } }>(resource.create, { input }, acme.adminToken)).r;
      created[`${resource.name}`] = row.id;
      if (resource.name === "Policy") created.policyId = row.id;
      expect(dataOf(await app.gql<{ r: { id: string } }>(resource.read, { id: row.id }, acme.helpdeskToken)).r.id).toBe(
        row.id,
      );
    }
  });

  it("another tenant's admin gets NOT_FOUND for every id and changes nothing", async () => {
    for (const resource of RESOURCES) {
      const id = created[resource.name]!;
      for (const query of [resource.read, resource.update, resource.remove]) {
        expect(errorCodes(await app.gql(query, { id }, globex.adminToken))).toEqual(["NOT_FOUND"]);
      }
      const still = dataOf(await app.gql<{ r: Record<string, unknown> }>(resource.read, { id }, acme.adminToken)).r;
      expect(still.name ?? still.position).not.toBe("Hacked");
    }
    // A policy cannot point at another tenant's pool either.
    const foreignPool = await app.gql(
      "mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }",
      { input: { name: "Sneaky", entitlements: [{ poolId: created.poolId }] } },
      globex.adminToken,
    );
    expect(errorCodes(foreignPool)).toEqual(["NOT_FOUND"]);
    const foreignPolicy = await app.gql(
      "mutation($input: AssignmentRuleInput!) { createAssignmentRule(input: $input) { id } }",
      { input: { position: 1, effect: "ALLOW", policyId: created.policyId } },
      globex.adminToken,
    );
    expect(errorCodes(foreignPolicy)).toEqual(["NOT_FOUND"]);
  });

  it("rejects bad input with BAD_USER_INPUT", async () => {
    const bad: [string, Record<string, unknown>][] = [
      [RESOURCES[0]!.create, { input: { name: "X", cidrs: ["10.0.0.0/33"] } }],
      [RESOURCES[0]!.create, { input: { name: "X", cidrs: ["10.0.0.0/8"], clientKinds: ["fax"] } }],
      [
        RESOURCES[0]!.create,
        {
          input: {
            name: "X",
            cidrs: ["10.0.0.0/8"],
            timeWindows: [{ days: ["MON"], start: "25:00", end: "06:00", timeZone: "UTC" }],
          },
        },
      ],
      [
        RESOURCES[0]!.create,
        {
          input: {
            name: "X",
            cidrs: ["10.0.0.0/8"],
            timeWindows: [{ days: ["MON"], start: "09:00", end: "17:00", timeZone: "Mars/Base" }],
          },
        },
      ],
      [RESOURCES[1]!.create, { input: { name: "X", protocols: [{ protocol: "RDP", rdpOptions: ["evil\nline"] }] } }],
      [RESOURCES[1]!.create, { input: { name: "X", protocols: [{ protocol: "TELNET" }] } }],
      [RESOURCES[2]!.create, { input: { name: "X", onDisconnect: "explode" } }],
      [RESOURCES[2]!.create, { input: { name: "X", onDisconnectMinutes: -1 } }],
      [RESOURCES[3]!.create, { input: { name: "X", onRelease: "burn" } }],
      [RESOURCES[4]!.create, { input: { name: "Y", entitlements: [{ poolId: created.poolId, offerCount: 0 }] } }],
      [RESOURCES[5]!.create, { input: { position: 1, effect: "maybe" } }],
      [RESOURCES[5]!.create, { input: { position: 1, effect: "ALLOW", subjectType: "GROUP" } }],
      [
        RESOURCES[5]!.create,
        { input: { position: 1, effect: "ALLOW", policyId: created.policyId, role: "MSP_ADMIN" } },
      ],
    ];
    for (const [query, variables] of bad) {
      expect(errorCodes(await app.gql(query, variables, acme.adminToken)), JSON.stringify(variables)).toEqual([
        "BAD_USER_INPUT",
      ]);
    }
    // A pool id that is no UUID is answered like an unknown pool (the input guard's rule for every ID).
    const malformedPool = { input: { name: "X", entitlements: [{ poolId: "not-an-id" }] } };
    expect(errorCodes(await app.gql(RESOURCES[4]!.create, malformedPool, acme.adminToken))).toEqual(["NOT_FOUND"]);
  });

  it("a plan or policy still in use cannot be deleted", async () => {
    const policy = await app.gql(RESOURCES[4]!.remove, { id: created.policyId }, acme.adminToken);
    expect(errorCodes(policy)).toEqual(["CONFLICT"]);
  });

  it("MSP default locations are managed by MSP staff and inherited unless shadowed", async () => {
    const msp = await createMspAdmin(app);
    const location = dataOf(
      await app.gql<{ r: { id: string } }>(
        "mutation($input: CreateLocationInput!) { r: createMspLocation(input: $input) { id } }",
        { input: { name: "Internet", cidrs: ["0.0.0.0/0", "::/0"] } },
        msp,
      ),
    ).r;
    const INHERITED = "{ inheritedLocations { id name mspDefault } }";
    const seen = dataOf(await app.gql<{ inheritedLocations: { id: string }[] }>(INHERITED, {}, globex.adminToken));
    expect(seen.inheritedLocations.map((l) => l.id)).toEqual([location.id]);
    await app.gql(
      "mutation($input: CreateLocationInput!) { createLocation(input: $input) { id } }",
      { input: { name: "internet", cidrs: ["192.0.2.0/24"] } },
      globex.adminToken,
    );
    expect(
      dataOf(await app.gql<{ inheritedLocations: unknown[] }>(INHERITED, {}, globex.adminToken)).inheritedLocations,
    ).toEqual([]);
    const tenantTry = await app.gql(
      "mutation($id: ID!) { deleteMspLocation(id: $id) { id } }",
      { id: location.id },
      acme.adminToken,
    );
    expect(errorCodes(tenantTry)).toEqual(["FORBIDDEN"]);
    expect(
      errorCodes(await app.gql("query($id: ID!) { location(id: $id) { id } }", { id: location.id }, acme.adminToken)),
    ).toEqual(["NOT_FOUND"]);
  });
});
