import { AssignmentRule, Policy } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCloud, createPool, createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Issue 12, item 7: every id that an input carries resolves inside the caller's tenant. Before, an assignment rule
// stored another tenant's identity provider (and any location id was refused as bad input, not as unknown).
let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;
const acmeIds = { identityProviderId: "", locationId: "", powerPlanId: "" };

const CREATE_RULE = "mutation($input: AssignmentRuleInput!) { createAssignmentRule(input: $input) { id } }";
const UPDATE_RULE =
  "mutation($id: ID!, $input: AssignmentRuleInput!) { updateAssignmentRule(id: $id, input: $input) { id } }";
const DENY_RULE = { position: 1, effect: "DENY" };

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  const provider = await app.gql<{ createIdentityProvider: { id: string } }>(
    `mutation { createIdentityProvider(input: { name: "Acme RADIUS", settings: { radius: {
      servers: [{ host: "127.0.0.1" }], secret: "acme-shared-secret" } } }) { id } }`,
    {},
    acme.adminToken,
  );
  acmeIds.identityProviderId = dataOf(provider).createIdentityProvider.id;
  const location = await app.gql<{ createLocation: { id: string } }>(
    `mutation { createLocation(input: { name: "Acme office", cidrs: ["192.0.2.0/24"] }) { id } }`,
    {},
    acme.adminToken,
  );
  acmeIds.locationId = dataOf(location).createLocation.id;
  const plan = await app.gql<{ createPowerPlan: { id: string } }>(
    `mutation { createPowerPlan(input: { name: "Acme nights" }) { id } }`,
    {},
    acme.adminToken,
  );
  acmeIds.powerPlanId = dataOf(plan).createPowerPlan.id;
});

afterAll(async () => {
  await app?.close();
});

const globexRules = () => app.database.dataSource.getRepository(AssignmentRule).findBy({ tenantId: globex.tenant.id });

describe("ids inside inputs", () => {
  it("refuses another tenant's identity provider on a rule as NOT_FOUND and stores nothing", async () => {
    const created = await app.gql(
      CREATE_RULE,
      { input: { ...DENY_RULE, identityProviderId: acmeIds.identityProviderId } },
      globex.adminToken,
    );
    expect(errorCodes(created)).toEqual(["NOT_FOUND"]);
    expect(await globexRules()).toEqual([]);

    const own = dataOf(
      await app.gql<{ createAssignmentRule: { id: string } }>(CREATE_RULE, { input: DENY_RULE }, globex.adminToken),
    );
    const updated = await app.gql(
      UPDATE_RULE,
      { id: own.createAssignmentRule.id, input: { ...DENY_RULE, identityProviderId: acmeIds.identityProviderId } },
      globex.adminToken,
    );
    expect(errorCodes(updated)).toEqual(["NOT_FOUND"]);
    expect((await globexRules()).map((rule) => rule.identityProviderId)).toEqual([null]);

    // The owner may use it.
    dataOf(
      await app.gql(
        CREATE_RULE,
        { input: { ...DENY_RULE, identityProviderId: acmeIds.identityProviderId } },
        acme.adminToken,
      ),
    );
  });

  it("refuses another tenant's location on a rule as NOT_FOUND", async () => {
    const before = await globexRules();
    const created = await app.gql(
      CREATE_RULE,
      { input: { ...DENY_RULE, locationIds: [acmeIds.locationId] } },
      globex.adminToken,
    );
    expect(errorCodes(created)).toEqual(["NOT_FOUND"]);
    expect(await globexRules()).toEqual(before);
  });

  it("refuses another tenant's plan in a policy entitlement as NOT_FOUND", async () => {
    const pool = await createPool(app, globex.tenant, await createCloud(app), "globex-pool");
    const created = await app.gql(
      "mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }",
      { input: { name: "Borrowed plan", entitlements: [{ poolId: pool.id, powerPlanId: acmeIds.powerPlanId }] } },
      globex.adminToken,
    );
    expect(errorCodes(created)).toEqual(["NOT_FOUND"]);
    expect(await app.database.dataSource.getRepository(Policy).countBy({ tenantId: globex.tenant.id })).toBe(0);
  });
});
