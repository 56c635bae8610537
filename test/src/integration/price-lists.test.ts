import { PriceList } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createDesktops,
  createMspAdmin,
  createPool,
  createTenantWithPeople,
  createUser,
  signIn,
  type TenantFixture,
} from "../fixtures/factories.js";
import { parseCsv } from "../fixtures/report-files.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { insertUsageRecords } from "../fixtures/usage-factories.js";

// Price lists turn metered usage into invoice lines; the MSP overview sums the fleet. Both across two tenants.
let app: TestApp;
let mspToken: string;
let acme: TenantFixture;
let globex: TenantFixture;

const now = new Date();
const MONTH = {
  from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
  to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
};

const SET = `mutation($input: SetPriceListInput!) {
  setPriceList(input: $input) { tenantId currency desktopHour vcpuHour ramGbHour storageGbHour }
}`;
const READ = "query($tenantId: ID) { priceList(tenantId: $tenantId) { tenantId currency desktopHour } }";
const CHARGES = `query($filter: UsageFilter!, $groupBy: [UsageGroupBy!]!) {
  usageCharges(filter: $filter, groupBy: $groupBy) {
    tenantId poolName poweredOnHours vcpuHours ramGbHours storageGbHours
    currency desktopAmount vcpuAmount ramAmount storageAmount totalAmount
  }
}`;
const SUMMARY = `query($filter: UsageFilter!) {
  usageSummary(filter: $filter, groupBy: [TENANT]) { tenantId poweredOnHours vcpuHours ramGbHours storageGbHours }
}`;

const ACME_PRICES = {
  currency: "EUR",
  desktopHour: "0.100000",
  vcpuHour: "0.012500",
  ramGbHour: "0.003333",
  storageGbHour: null,
};

const priceRows = () => app.database.dataSource.getRepository(PriceList).find();

beforeAll(async () => {
  app = await startTestApp();
  mspToken = await createMspAdmin(app);
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  const cloud = await createCloud(app);
  const acmePool = await createPool(app, acme.tenant, cloud, "win11");
  const globexPool = await createPool(app, globex.tenant, cloud, "dev");
  await createDesktops(app, acmePool, 3, [acme.user]);
  await createDesktops(app, globexPool, 1);
  const start = new Date(MONTH.from);
  await insertUsageRecords(app, { tenantId: acme.tenant.id, poolIds: [acmePool.id], start, hours: 30 });
  await insertUsageRecords(app, { tenantId: globex.tenant.id, poolIds: [globexPool.id], start, hours: 7 });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("price lists", () => {
  it("lets MSP admins and billing staff set a tenant's prices, audited, and refuses bad prices", async () => {
    const set = dataOf(await app.gql(SET, { input: { tenantId: acme.tenant.id, ...ACME_PRICES } }, mspToken));
    expect(set.setPriceList).toEqual({ tenantId: acme.tenant.id, ...ACME_PRICES });
    await createUser(app, null, "billing-clerk", "msp_billing");
    const clerk = await signIn(app, "billing-clerk");
    const input = { tenantId: globex.tenant.id, currency: "CHF", desktopHour: "0.2" };
    expect(dataOf(await app.gql(SET, { input }, clerk)).setPriceList).toMatchObject({ desktopHour: "0.200000" });
    for (const bad of [{ currency: "eur" }, { desktopHour: "-1" }, { vcpuHour: "0.1234567" }, { ramGbHour: "1e3" }]) {
      const result = await app.gql(SET, { input: { ...input, ...bad } }, clerk);
      expect(errorCodes(result), JSON.stringify(bad)).toEqual(["BAD_USER_INPUT"]);
    }
    const unknown = { ...input, tenantId: "00000000-0000-4000-8000-000000000000" };
    expect(errorCodes(await app.gql(SET, { input: unknown }, mspToken))).toEqual(["NOT_FOUND"]);
    const audit = await app.gql<{ mspAuditEvents: { nodes: { action: string }[] } }>(
      'query { mspAuditEvents(first: 50, filter: { action: "setPriceList" }) { nodes { action } } }',
      {},
      mspToken,
    );
    expect(dataOf(audit).mspAuditEvents.nodes.length).toBeGreaterThanOrEqual(1);
  });

  it("prices usageSummary's quantities exactly, per tenant and pool", async () => {
    const charges = dataOf(
      await app.gql<{ usageCharges: Record<string, string | null>[] }>(
        CHARGES,
        { filter: MONTH, groupBy: [] },
        mspToken,
      ),
    ).usageCharges;
    const summary = dataOf(
      await app.gql<{ usageSummary: Record<string, string>[] }>(SUMMARY, { filter: MONTH }, mspToken),
    ).usageSummary;
    const quantities = (row: Record<string, string | null>) => ({
      tenantId: row.tenantId,
      poweredOnHours: row.poweredOnHours,
      vcpuHours: row.vcpuHours,
      ramGbHours: row.ramGbHours,
      storageGbHours: row.storageGbHours,
    });
    expect(charges.map(quantities)).toEqual(summary.map(quantities));
    // 30 hours of 1 desktop-hour, 2 vCPU-hours, 4 RAM GB-hours: 3.00 + 0.75 + 0.39996, storage unpriced.
    expect(charges.find((row) => row.tenantId === acme.tenant.id)).toMatchObject({
      currency: "EUR",
      desktopAmount: "3.000000",
      vcpuAmount: "0.750000",
      ramAmount: "0.399960",
      storageAmount: null,
      totalAmount: "4.149960",
    });
    expect(charges.find((row) => row.tenantId === globex.tenant.id)).toMatchObject({
      currency: "CHF",
      desktopAmount: "1.400000",
      totalAmount: "1.400000",
    });
    const byPool = dataOf(
      await app.gql<{ usageCharges: Record<string, string | null>[] }>(
        CHARGES,
        { filter: { ...MONTH, tenantId: acme.tenant.id }, groupBy: ["POOL"] },
        acme.adminToken,
      ),
    ).usageCharges;
    expect(byPool).toEqual([expect.objectContaining({ poolName: expect.any(String), totalAmount: "4.149960" })]);
  });

  it("keeps each tenant to its own prices and charges, and changes nothing of another's", async () => {
    const before = await priceRows();
    const own = dataOf(await app.gql<{ priceList: unknown }>(READ, {}, globex.adminToken)).priceList;
    expect(own).toMatchObject({ tenantId: globex.tenant.id, currency: "CHF" });
    const foreign = await app.gql<{ priceList: unknown }>(READ, { tenantId: acme.tenant.id }, globex.adminToken);
    expect(dataOf(foreign).priceList).toBeNull();
    const charges = await app.gql<{ usageCharges: unknown[] }>(
      CHARGES,
      { filter: { ...MONTH, tenantId: acme.tenant.id }, groupBy: ["POOL"] },
      globex.adminToken,
    );
    expect(dataOf(charges).usageCharges).toEqual([]);
    const input = { tenantId: acme.tenant.id, currency: "USD", desktopHour: "9" };
    expect(errorCodes(await app.gql(SET, { input }, globex.adminToken))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await app.gql(READ, { tenantId: acme.tenant.id }, globex.helpdeskToken))).toEqual(["FORBIDDEN"]);
    expect(await priceRows()).toEqual(before);
  });
});

describe("the invoice lines' export", () => {
  const download = (token: string, tenantId: string, format = "csv") =>
    fetch(
      `${app.url.replace(/\/graphql$/, "")}/reports/usage.${format}?from=${MONTH.from}&to=${MONTH.to}&tenantId=${tenantId}`,
      { headers: { authorization: `Bearer ${token}` } },
    );

  it("gives MSP staff one tenant's usage CSV whose columns sum to usageSummary's totals exactly", async () => {
    const response = await download(mspToken, acme.tenant.id);
    expect(response.status).toBe(200);
    const [header, ...lines] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    expect(new Set(lines.map((line) => line[0]))).toEqual(new Set([acme.tenant.name]));
    const column = (name: string) => header!.indexOf(name);
    const total = (name: string) =>
      lines.reduce((sum, line) => sum + BigInt(line[column(name)]!.replace(".", "")), 0n).toString();
    const summary = dataOf(
      await app.gql<{ usageSummary: Record<string, string>[] }>(
        SUMMARY,
        { filter: { ...MONTH, tenantId: acme.tenant.id } },
        mspToken,
      ),
    ).usageSummary[0]!;
    const micro = (decimal: string) => decimal.replace(".", "").replace(/^0+(?=\d)/, "");
    expect(total("Desktop-hours")).toBe(micro(summary.poweredOnHours!));
    expect(total("vCPU-hours")).toBe(micro(summary.vcpuHours!));
    expect(total("RAM GB-hours")).toBe(micro(summary.ramGbHours!));
    expect(total("Storage GB-hours")).toBe(micro(summary.storageGbHours!));
    const pdf = await download(mspToken, acme.tenant.id, "pdf");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
  });

  it("refuses another tenant's export as not found, whoever asks from inside a tenant", async () => {
    expect((await download(globex.adminToken, acme.tenant.id)).status).toBe(404);
    expect((await download(mspToken, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await download(mspToken, "not-a-tenant")).status).toBe(404);
    expect((await download(acme.adminToken, acme.tenant.id)).status).toBe(200);
  });
});

describe("the MSP overview", () => {
  const OVERVIEW = `query {
    fleetOverview {
      totals { tenants activeTenants desktops availableDesktops assignedDesktops sessionsNow desktopHoursThisMonth }
      clouds { name status lastCheckedAt }
      activity { day sessions signIns }
    }
  }`;
  const TENANTS = `query($search: String, $sort: TenantOverviewSort, $descending: Boolean, $first: Int, $offset: Int) {
    tenantOverview(search: $search, sort: $sort, descending: $descending, first: $first, offset: $offset) {
      totalCount
      rows { tenant { slug } desktops assignedDesktops desktopHoursThisMonth lastSignInAt quotaUsePercent }
    }
  }`;

  it("sums the fleet with usageSummary's totals for the month and 30 days of activity", async () => {
    const { fleetOverview } = dataOf(
      await app.gql<{ fleetOverview: { totals: object; clouds: object[]; activity: { signIns: number }[] } }>(
        OVERVIEW,
        {},
        mspToken,
      ),
    );
    expect(fleetOverview.totals).toEqual({
      tenants: 2,
      activeTenants: 2,
      desktops: 4,
      availableDesktops: 1,
      assignedDesktops: 3,
      sessionsNow: 0,
      desktopHoursThisMonth: "37.000000",
    });
    expect(fleetOverview.clouds).toEqual([expect.objectContaining({ name: "vhi-test" })]);
    expect(fleetOverview.activity).toHaveLength(30);
    // Every sign-in of the fixtures happened today.
    expect(fleetOverview.activity.at(-1)!.signIns).toBeGreaterThanOrEqual(4);
  });

  it("searches, sorts and pages the tenant table on the server", async () => {
    type Page = { tenantOverview: { totalCount: number; rows: { tenant: { slug: string } }[] } };
    const slugs = async (variables: Record<string, unknown>) => {
      const page = dataOf(await app.gql<Page>(TENANTS, variables, mspToken)).tenantOverview;
      return { total: page.totalCount, slugs: page.rows.map((row) => row.tenant.slug) };
    };
    expect(await slugs({})).toEqual({ total: 2, slugs: ["acme", "globex"] });
    expect(await slugs({ sort: "USAGE", descending: false })).toEqual({ total: 2, slugs: ["globex", "acme"] });
    expect(await slugs({ sort: "DESKTOPS", descending: true, first: 1 })).toEqual({ total: 2, slugs: ["acme"] });
    expect(await slugs({ sort: "DESKTOPS", descending: true, first: 1, offset: 1 })).toEqual({
      total: 2,
      slugs: ["globex"],
    });
    expect(await slugs({ search: "GLOB" })).toEqual({ total: 1, slugs: ["globex"] });
    const acmeRow = dataOf(await app.gql<Page>(TENANTS, { search: "acme" }, mspToken)).tenantOverview.rows[0];
    expect(acmeRow).toMatchObject({ desktops: 3, assignedDesktops: 3, desktopHoursThisMonth: "30.000000" });
    expect(errorCodes(await app.gql(TENANTS, {}, acme.adminToken))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await app.gql(TENANTS, { first: 500 }, mspToken))).toEqual(["BAD_USER_INPUT"]);
  });
});
