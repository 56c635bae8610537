import { type Pool, type Tenant, UsageRecord } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createMspAdmin,
  createPool,
  createTenantWithPeople,
  createUser,
  signIn,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, type GraphqlResult, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { insertUsageRecords } from "../fixtures/usage-factories.js";

// The billing system's view: API keys over HTTP GraphQL, paging a large feed with cursors.
let app: TestApp;
let mspToken: string;
let acme: TenantFixture;
let globex: TenantFixture;
let acmePools: Pool[];
let globexPools: Pool[];
let mspKey: string;
let acmeKey: string;

const START = new Date("2025-01-01T00:00:00Z");
const HOURS = 2_500;
const END = new Date(START.getTime() + HOURS * 3_600_000);
const ALL = { from: START.toISOString(), to: END.toISOString() };

const RECORDS = `query($filter: UsageFilter!, $first: Int, $after: String) {
  usageRecords(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id tenantId hourStart poolId poolName userId poweredOnHours vcpuHours storageGbHours }
  }
}`;

// A type alias (not an interface) so results stay assignable to the fixtures' GraphqlResult<Record<string, unknown>>.
type RecordsPage = {
  usageRecords: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; tenantId: string; hourStart: string; poolId: string; poweredOnHours: string }[];
  };
};

const records = (token: string, filter: Record<string, unknown>, first?: number, after?: string | null) =>
  app.gql<RecordsPage>(RECORDS, { filter, first, after }, token);

async function createKey(token: string, mutation: "createApiKey" | "createMspApiKey"): Promise<string> {
  const result = await app.gql<Record<string, { secret: string }>>(
    `mutation($input: CreateApiKeyInput!) { ${mutation}(input: $input) { secret } }`,
    { input: { name: `billing-${mutation}`, scopes: ["BILLING_READ"] } },
    token,
  );
  return dataOf(result)[mutation]!.secret;
}

/** Reads the whole feed page by page, as a billing system would. */
async function pageThrough(token: string, filter: Record<string, unknown>) {
  const seen: RecordsPage["usageRecords"]["nodes"] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page: RecordsPage["usageRecords"] = dataOf(await records(token, filter, 200, after)).usageRecords;
    seen.push(...page.nodes);
    pages += 1;
    if (!page.pageInfo.hasNextPage) return { seen, pages, totalCount: page.totalCount };
    after = page.pageInfo.endCursor;
  }
}

const usageRows = () => app.database.dataSource.getRepository(UsageRecord).count();

beforeAll(async () => {
  app = await startTestApp();
  mspToken = await createMspAdmin(app);
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  const cloud = await createCloud(app);
  acmePools = [await createPool(app, acme.tenant, cloud, "win11"), await createPool(app, acme.tenant, cloud, "cad")];
  globexPools = [
    await createPool(app, globex.tenant, cloud, "win11"),
    await createPool(app, globex.tenant, cloud, "dev"),
  ];
  // Two tenants × two pools × 2,500 hours = 10,000 records; four share every hour, so ties are broken by id.
  for (const [tenant, pools] of [
    [acme.tenant, acmePools],
    [globex.tenant, globexPools],
  ] as [Tenant, Pool[]][]) {
    await insertUsageRecords(app, { tenantId: tenant.id, poolIds: pools.map((p) => p.id), start: START, hours: HOURS });
  }
  mspKey = await createKey(mspToken, "createMspApiKey");
  acmeKey = await createKey(acme.adminToken, "createApiKey");
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("billing feed", () => {
  it("gives an MSP key all 10,000 records, each exactly once, oldest hour first", async () => {
    const { seen, pages, totalCount } = await pageThrough(mspKey, ALL);
    expect(totalCount).toBe(10_000);
    expect(pages).toBe(50);
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen.map((r) => r.id)).size).toBe(10_000);
    const hours = seen.map((r) => Date.parse(r.hourStart));
    expect(hours.every((hour, index) => index === 0 || hour >= hours[index - 1]!)).toBe(true);
    expect(new Set(seen.map((r) => r.tenantId))).toEqual(new Set([acme.tenant.id, globex.tenant.id]));

    // Stable: the same walk again returns the same sequence.
    const again = await pageThrough(mspKey, ALL);
    expect(again.seen.map((r) => r.id)).toEqual(seen.map((r) => r.id));
  }, 120_000);

  it("lets an MSP key narrow by tenant and pool", async () => {
    const byTenant = dataOf(await records(mspKey, { ...ALL, tenantId: globex.tenant.id }, 1)).usageRecords;
    expect(byTenant.totalCount).toBe(5_000);
    const byPool = dataOf(await records(mspKey, { ...ALL, poolId: acmePools[1]!.id }, 5)).usageRecords;
    expect(byPool.totalCount).toBe(2_500);
    expect(byPool.nodes.every((r) => r.poolId === acmePools[1]!.id && r.tenantId === acme.tenant.id)).toBe(true);
  });

  it("holds a tenant-bound key to its own tenant, however it filters", async () => {
    const { seen, totalCount } = await pageThrough(acmeKey, ALL);
    expect(totalCount).toBe(5_000);
    expect(new Set(seen.map((r) => r.id)).size).toBe(5_000);
    expect(seen.every((r) => r.tenantId === acme.tenant.id)).toBe(true);

    // Naming another tenant or its pool narrows to nothing: no rows, and no hint whether that tenant exists.
    for (const filter of [{ tenantId: globex.tenant.id }, { poolId: globexPools[0]!.id }]) {
      const page = dataOf(await records(acmeKey, { ...ALL, ...filter }, 10)).usageRecords;
      expect(page).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
    }
    const summary = await app.gql<{ usageSummary: { tenantId: string; poweredOnHours: string }[] }>(
      "query($filter: UsageFilter!) { usageSummary(filter: $filter, groupBy: [TENANT]) { tenantId poweredOnHours } }",
      { filter: ALL },
      acmeKey,
    );
    expect(dataOf(summary).usageSummary).toEqual([{ tenantId: acme.tenant.id, poweredOnHours: "5000.000000" }]);
  }, 120_000);

  it("serves tenant admins and MSP admins, and refuses roles without billing:read", async () => {
    expect(dataOf(await records(acme.adminToken, ALL, 1)).usageRecords.totalCount).toBe(5_000);
    expect(dataOf(await records(mspToken, ALL, 1)).usageRecords.totalCount).toBe(10_000);
    expect(errorCodes(await records(acme.helpdeskToken, ALL, 1))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await records(acme.userToken, ALL, 1))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await records("atr_not-a-key", ALL, 1))).toEqual(["UNAUTHENTICATED"]);
  });

  it("holds MSP billing staff to a tenant while they have entered it", async () => {
    await createUser(app, null, "billing-clerk", "msp_billing");
    const clerk = await signIn(app, "billing-clerk");
    expect(dataOf(await records(clerk, ALL, 1)).usageRecords.totalCount).toBe(10_000);
    dataOf(
      await app.gql(
        "mutation($id: ID!) { enterTenant(tenantId: $id) { actingTenantId } }",
        { id: globex.tenant.id },
        clerk,
      ),
    );
    const inside = dataOf(await records(clerk, { ...ALL, tenantId: acme.tenant.id }, 1)).usageRecords;
    expect(inside.totalCount).toBe(0);
    expect(dataOf(await records(clerk, ALL, 1)).usageRecords.totalCount).toBe(5_000);
    dataOf(await app.gql("mutation { leaveTenant { actingTenantId } }", {}, clerk));
    expect(dataOf(await records(clerk, ALL, 1)).usageRecords.totalCount).toBe(10_000);
  });

  it("sums exactly by pool, flavor and user", async () => {
    const result = await app.gql<{ usageSummary: { poolName: string; poweredOnHours: string; records: number }[] }>(
      `query($filter: UsageFilter!) {
        usageSummary(filter: $filter, groupBy: [POOL, FLAVOR, USER]) { poolName poweredOnHours vcpuHours records }
      }`,
      { filter: { ...ALL, tenantId: acme.tenant.id } },
      mspKey,
    );
    expect(dataOf(result).usageSummary).toEqual([
      expect.objectContaining({ poweredOnHours: "2500.000000", vcpuHours: "5000.000000", records: 2_500 }),
      expect.objectContaining({ poweredOnHours: "2500.000000", vcpuHours: "5000.000000", records: 2_500 }),
    ]);
  });

  it("answers bad input with BAD_USER_INPUT and meters nothing", async () => {
    const before = await usageRows();
    const bad: [string, GraphqlResult][] = [
      ["from after to", await records(mspKey, { from: ALL.to, to: ALL.from })],
      ["from equals to", await records(mspKey, { from: ALL.from, to: ALL.from })],
      ["not a date", await records(mspKey, { from: "yesterday", to: ALL.to })],
      ["impossible date", await records(mspKey, { from: "2025-02-30T00:00:00Z", to: ALL.to })],
      ["page too large", await records(mspKey, ALL, 201)],
      ["page too small", await records(mspKey, ALL, 0)],
      ["foreign cursor", await records(mspKey, ALL, 10, "bm90LWEtY3Vyc29y")],
      [
        "unknown time zone",
        await app.gql(
          'query($f: UsageFilter!) { usageSummary(filter: $f, groupBy: [DAY], timeZone: "Mars/Olympus") { day } }',
          { f: ALL },
          mspKey,
        ),
      ],
      [
        "summary over two years",
        await app.gql(
          "query($f: UsageFilter!) { usageSummary(filter: $f, groupBy: []) { records } }",
          { f: { from: "2023-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" } },
          mspKey,
        ),
      ],
    ];
    for (const [what, result] of bad) expect(errorCodes(result), what).toEqual(["BAD_USER_INPUT"]);
    // A tenant id that is no UUID is answered like an unknown one (the input guard's rule for every ID).
    expect(errorCodes(await records(mspKey, { ...ALL, tenantId: "acme" }))).toEqual(["NOT_FOUND"]);

    const meter = (variables: Record<string, unknown>, token = mspToken) =>
      app.gql(
        "mutation($from: DateTimeISO!, $to: DateTimeISO!, $tenantId: ID) { meterUsage(from: $from, to: $to, tenantId: $tenantId) { records } }",
        variables,
        token,
      );
    expect(errorCodes(await meter({ from: ALL.to, to: ALL.from }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await meter({ from: "2025-01-01T00:00:00Z", to: "2025-03-01T00:00:00Z" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const future = new Date(Date.now() + 3 * 3_600_000).toISOString();
    expect(errorCodes(await meter({ from: future, to: new Date(Date.now() + 5 * 3_600_000).toISOString() }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(
      errorCodes(await meter({ ...ALL, to: "2025-01-02T00:00:00Z", tenantId: "00000000-0000-4000-8000-000000000000" })),
    ).toEqual(["NOT_FOUND"]);
    // Only MSP staff re-meter: not tenant admins, not even a billing API key.
    expect(errorCodes(await meter({ ...ALL, to: "2025-01-02T00:00:00Z" }, acme.adminToken))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await meter({ ...ALL, to: "2025-01-02T00:00:00Z" }, mspKey))).toEqual(["FORBIDDEN"]);
    expect(await usageRows()).toBe(before);
  });
});
