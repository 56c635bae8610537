import {
  acrossTenants,
  meterTenantHours,
  registerMeteringJobs,
  seedDemoUsage,
  trailingWindow,
  usageMeterJob,
} from "@atrium/api";
import { enqueueJob, JobRegistry, startJobWorker } from "@atrium/api/jobs/index";
import {
  Assignment,
  type Desktop,
  DesktopSession,
  isEnumValue,
  ReleaseReason,
  type Tenant,
  UsageRecord,
  type User,
} from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createDesktops,
  createMspAdmin,
  createPool,
  createTenant,
  createUser,
} from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { insertAssignment, insertPowerStretch, insertSession } from "../fixtures/usage-factories.js";

// Metering from history with the clock passed in: every instant below is fixed, so the expected hours are exact.
let app: TestApp;
let mspToken: string;

beforeAll(async () => {
  app = await startTestApp();
  mspToken = await createMspAdmin(app);
});

afterAll(async () => {
  await app?.close();
});

const at = (iso: string) => new Date(iso);
// Nobody's time (user null) first within an hour, whatever the dialect's NULL ordering.
const records = async (tenant: Tenant) =>
  (
    await app.database.dataSource
      .getRepository(UsageRecord)
      .find({ where: { tenantId: tenant.id }, order: { hourStart: "ASC" } })
  ).sort(
    (a, b) =>
      a.hourStart.getTime() - b.hourStart.getTime() ||
      a.poolId.localeCompare(b.poolId) ||
      (a.userId ?? "").localeCompare(b.userId ?? ""),
  );
const view = (rows: UsageRecord[]) =>
  rows.map((r) => ({
    hour: r.hourStart.toISOString().slice(11, 16),
    user: r.username,
    on: r.poweredOnHours,
    assigned: r.assignedHours,
    session: r.sessionHours,
    vcpu: r.vcpuHours,
    ram: r.ramGbHours,
    storage: r.storageGbHours,
  }));

async function tenantWithDesktop(slug: string): Promise<{ tenant: Tenant; desktop: Desktop; user: User }> {
  const tenant = await createTenant(app, slug);
  const pool = await createPool(app, tenant, await createCloud(app, `cloud-${slug}`));
  const [desktop] = await createDesktops(app, pool, 1);
  const user = await createUser(app, tenant, `${slug}-user`, "tenant_user");
  return { tenant, desktop: desktop!, user };
}

describe("usage metering", () => {
  it("splits usage at hour boundaries and gives it to whoever held the desktop", async () => {
    const { tenant, desktop, user } = await tenantWithDesktop("hours");
    await insertPowerStretch(app, desktop, { from: at("2026-03-10T10:30:00Z"), to: at("2026-03-10T12:15:00Z") });
    await insertAssignment(app, desktop, user, at("2026-03-10T10:45:00Z"), at("2026-03-10T11:30:00Z"));
    await insertSession(app, desktop, user, at("2026-03-10T11:00:00Z"), at("2026-03-10T11:20:00Z"));

    const range = { from: at("2026-03-10T10:00:00Z"), to: at("2026-03-10T13:00:00Z") };
    expect(
      await meterTenantHours(
        acrossTenants(app.database.dataSource.manager, "test meters one tenant", "test").forTenant(tenant.id),
        range,
        at("2026-03-10T13:05:00Z"),
      ),
    ).toEqual({ hours: 3, records: 5, changedHours: 3 });
    const q = (h: string) => ({ vcpu: (Number(h) * 2).toFixed(6), ram: (Number(h) * 4).toFixed(6) });
    expect(view(await records(tenant))).toEqual([
      {
        hour: "10:00",
        user: null,
        on: "0.250000",
        assigned: "0.000000",
        session: "0.000000",
        ...q("0.25"),
        storage: "10.000000",
      },
      {
        hour: "10:00",
        user: "hours-user",
        on: "0.250000",
        assigned: "0.250000",
        session: "0.000000",
        ...q("0.25"),
        storage: "10.000000",
      },
      {
        hour: "11:00",
        user: null,
        on: "0.500000",
        assigned: "0.000000",
        session: "0.000000",
        ...q("0.5"),
        storage: "20.000000",
      },
      {
        hour: "11:00",
        user: "hours-user",
        on: "0.500000",
        assigned: "0.500000",
        session: "0.333333",
        ...q("0.5"),
        storage: "20.000000",
      },
      {
        hour: "12:00",
        user: null,
        on: "0.250000",
        assigned: "0.000000",
        session: "0.000000",
        ...q("0.25"),
        storage: "10.000000",
      },
    ]);
  });

  it("replaces hours on every re-run, through the job and after a worker restart: the totals never change", async () => {
    const { tenant, desktop, user } = await tenantWithDesktop("rerun");
    await insertPowerStretch(app, desktop, { from: at("2026-04-01T00:00:00Z"), to: null });
    await insertAssignment(app, desktop, user, at("2026-04-01T06:00:00Z"), null);
    const hour = at("2026-04-02T12:00:00Z");
    const runHourlyJob = async (workerId: string, dedupe: string) => {
      // A worker per run: the second one is a process restart that knows nothing of the first.
      const worker = startJobWorker({
        dataSource: app.database.dataSource,
        registry: registerMeteringJobs(new JobRegistry(), app.services),
        workerId,
        concurrency: 1,
        pollMs: 60_000,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        clock: app.clock.now,
      });
      await enqueueJob(
        app.database.dataSource.manager,
        usageMeterJob,
        { hour: hour.toISOString() },
        { dedupeKey: dedupe },
      );
      await worker.drain();
      await worker.stop();
    };
    await runHourlyJob("meter-1", "rerun-1");
    const first = await records(tenant);
    const window = trailingWindow(hour);
    // From Apr 1 00:00: 6 hours before the assignment (no user), then 30 held by the user, in one record each.
    expect(first).toHaveLength(36);
    expect(first[0]!.hourStart).toEqual(at("2026-04-01T00:00:00Z"));
    expect(first.at(-1)!.hourStart).toEqual(new Date(window.to.getTime() - 3_600_000));

    await runHourlyJob("meter-2", "rerun-2");
    expect(
      await meterTenantHours(
        acrossTenants(app.database.dataSource.manager, "test meters one tenant", "test").forTenant(tenant.id),
        window,
        at("2026-04-02T12:30:00Z"),
      ),
    ).toEqual({ hours: 48, records: 36, changedHours: 0 });
    const again = await records(tenant);
    expect(view(again)).toEqual(view(first));
    // Nothing changed, so nothing was re-issued: a reader paging the feed meanwhile sees the same records.
    expect(again.map((r) => [r.id, r.meteredAt])).toEqual(first.map((r) => [r.id, r.meteredAt]));
  });

  it("re-meters the trailing window, so an agent's late logout corrects hours already billed", async () => {
    const { tenant, desktop, user } = await tenantWithDesktop("late");
    await insertPowerStretch(app, desktop, { from: at("2026-05-04T08:00:00Z"), to: null });
    const session = await insertSession(app, desktop, user, at("2026-05-04T10:00:00Z"), null);
    const manager = app.database.dataSource.manager;
    const sessionHours = async () =>
      (await records(tenant))
        .filter((r) => r.sessionHours !== "0.000000")
        .map((r) => [r.hourStart.getUTCHours(), r.sessionHours]);

    await meterTenantHours(
      acrossTenants(manager, "test meters one tenant", "test").forTenant(tenant.id),
      trailingWindow(at("2026-05-04T12:05:00Z")),
      at("2026-05-04T12:05:00Z"),
    );
    // The desktop went offline with the session open: the metered hours count it as still running.
    expect(await sessionHours()).toEqual([
      [10, "1.000000"],
      [11, "1.000000"],
    ]);

    // The agent comes back an hour later and delivers the logout it queued at 10:30.
    await manager
      .getRepository(DesktopSession)
      .update({ id: session.id }, { endedAt: at("2026-05-04T10:30:00Z"), state: "ended" });
    const rerun = await meterTenantHours(
      acrossTenants(manager, "test meters one tenant", "test").forTenant(tenant.id),
      trailingWindow(at("2026-05-04T13:05:00Z")),
      at("2026-05-04T13:05:00Z"),
    );
    expect(await sessionHours()).toEqual([[10, "0.500000"]]);
    // Hours 10 and 11 were corrected, hour 12 is new; the hours before the session were left alone.
    expect(rerun.changedHours).toBe(3);
  });

  it("groups hours into the tenant's local days: Berlin's DST change days have 23 and 25 hours", async () => {
    const { tenant, desktop } = await tenantWithDesktop("dst");
    await insertPowerStretch(app, desktop, { from: at("2025-03-28T00:00:00Z"), to: at("2025-04-01T00:00:00Z") });
    await insertPowerStretch(app, desktop, { from: at("2025-10-24T00:00:00Z"), to: at("2025-10-29T00:00:00Z") });
    const meter = (from: string, to: string) =>
      app.gql<{ meterUsage: { records: number } }>(
        `mutation($from: DateTimeISO!, $to: DateTimeISO!, $tenantId: ID) {
          meterUsage(from: $from, to: $to, tenantId: $tenantId) { records }
        }`,
        { from, to, tenantId: tenant.id },
        mspToken,
      );
    expect(dataOf(await meter("2025-03-28T00:00:00Z", "2025-04-01T00:00:00Z")).meterUsage.records).toBe(96);
    expect(dataOf(await meter("2025-10-24T00:00:00Z", "2025-10-29T00:00:00Z")).meterUsage.records).toBe(120);

    const days = async (from: string, to: string, timeZone: string) => {
      const result = await app.gql<{ usageSummary: { day: string; poweredOnHours: string; records: number }[] }>(
        `query($filter: UsageFilter!, $tz: String) {
          usageSummary(filter: $filter, groupBy: [DAY], timeZone: $tz) { day poweredOnHours records }
        }`,
        { filter: { from, to, tenantId: tenant.id }, tz: timeZone },
        mspToken,
      );
      return dataOf(result).usageSummary.map((row) => [row.day, row.poweredOnHours, row.records]);
    };
    // Local midnight to local midnight in Berlin, across the change to summer time (March 30) and back (October 26).
    expect(await days("2025-03-28T23:00:00Z", "2025-03-31T22:00:00Z", "Europe/Berlin")).toEqual([
      ["2025-03-29", "24.000000", 24],
      ["2025-03-30", "23.000000", 23],
      ["2025-03-31", "24.000000", 24],
    ]);
    expect(await days("2025-10-24T22:00:00Z", "2025-10-27T23:00:00Z", "Europe/Berlin")).toEqual([
      ["2025-10-25", "24.000000", 24],
      ["2025-10-26", "25.000000", 25],
      ["2025-10-27", "24.000000", 24],
    ]);
    // The same stretch in UTC: every day has 24 hours.
    expect(await days("2025-10-25T00:00:00Z", "2025-10-28T00:00:00Z", "UTC")).toEqual([
      ["2025-10-25", "24.000000", 24],
      ["2025-10-26", "24.000000", 24],
      ["2025-10-27", "24.000000", 24],
    ]);
  });

  it("gives the demo a metered week of usage once, and leaves it alone on the next start", async () => {
    const tenant = await createTenant(app, "demo");
    await createPool(app, tenant, await createCloud(app, "demo-cloud"), "desktops");
    for (const name of ["user1", "user2", "user3"]) await createUser(app, tenant, name, "tenant_user");
    const now = at("2026-06-10T09:20:00Z");
    await seedDemoUsage(app.database.dataSource, ["demo"], now);
    const seeded = view(await records(tenant));
    expect(seeded.length).toBeGreaterThan(7 * 24);

    const summary = await app.gql<{ usageSummary: { username: string | null; sessionHours: string }[] }>(
      `query($filter: UsageFilter!) { usageSummary(filter: $filter, groupBy: [USER]) { username sessionHours } }`,
      { filter: { from: "2026-06-01T00:00:00Z", to: "2026-06-11T00:00:00Z", tenantId: tenant.id } },
      mspToken,
    );
    const byUser = Object.fromEntries(dataOf(summary).usageSummary.map((r) => [r.username, r.sessionHours]));
    // The seven days before today, each with two sessions of 3¾ hours.
    expect(byUser).toMatchObject({ user1: "52.500000", user2: "52.500000", user3: "52.500000" });
    // The demo's history reads like real history: every release has a reason the product itself writes.
    const released = await app.database.dataSource.getRepository(Assignment).findBy({ tenantId: tenant.id });
    expect(released.length).toBeGreaterThan(0);
    expect(released.filter((row) => !isEnumValue(ReleaseReason, row.releaseReason))).toEqual([]);

    await seedDemoUsage(app.database.dataSource, ["demo"], at("2026-06-10T15:00:00Z"));
    expect(view(await records(tenant))).toEqual(seeded);
  });
});
