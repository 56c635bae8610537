import type { Database } from "@atrium/migrations";
import { Cloud, type Desktop, Tenant } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobTestTargets, openJobTestDatabase } from "../../jobs/jobs.test-support.js";
import { type OneTenantDb, tenantDb } from "../tenant-db.js";
import { buildClaimFirstFreeSql, claimFirstFree } from "./claim-desktop.sql.js";

describe("the claim statement's tenant comes from the door", () => {
  it("binds the tenant as the first parameter on both dialects", () => {
    for (const dialect of ["postgres", "mssql"] as const) {
      const { sql, parameters } = buildClaimFirstFreeSql(dialect, "tenant-a", ["d1", "d2"], "user-1");
      expect(parameters[0]).toBe("tenant-a");
      expect(sql).toMatch(/"tenant_id" = [$@][01]/);
      expect(sql).toMatch(dialect === "mssql" ? /READPAST/ : /SKIP LOCKED/);
    }
  });
});

describe.each(jobTestTargets())("claiming a desktop through the door on $label", ({ url }) => {
  let database: Database;
  let acme: OneTenantDb;
  let globex: OneTenantDb;
  let desktops: Desktop[];
  let acmeUser: string;
  let globexUser: string;

  beforeAll(async () => {
    database = await openJobTestDatabase(url);
    const manager = database.dataSource.manager;
    const [a, g] = await manager.getRepository(Tenant).save([
      { name: "Acme", slug: "acme" },
      { name: "Globex", slug: "globex" },
    ]);
    acme = tenantDb(manager, a!.id).requireTenant();
    globex = tenantDb(manager, g!.id).requireTenant();
    const cloud = await manager.getRepository(Cloud).save({
      name: "vhi",
      authUrl: "http://127.0.0.1:1/identity/v3",
      region: "RegionOne",
      domainName: "Default",
      projectName: "admin",
      username: "svc",
      passwordEnc: "sealed",
      status: "unknown",
    });
    const pool = await acme.pools.insert({
      cloudId: cloud.id,
      name: "win11",
      imageRef: "image",
      flavorRef: "vdi.medium",
      networkIds: [],
      securityGroups: ["default"],
      namePattern: "acme-{SEQ}",
      minTotal: 0,
      maxTotal: 10,
      minAvailable: 0,
      minRunning: 0,
      enforceLimits: false,
      status: "active",
    });
    desktops = await acme.desktops.insertMany(
      [1, 2].map((seq) => ({ poolId: pool.id, name: `acme-${seq}`, seq, availability: "available" as const })),
    );
    const user = (db: OneTenantDb, username: string) =>
      db.users.insert({ username, displayName: username, source: "local", disabled: false });
    acmeUser = (await user(acme, "alice")).id;
    globexUser = (await user(globex, "mallory")).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("never claims another tenant's desktop, and leaves it free", async () => {
    expect(await claimFirstFree(globex, [desktops[0]!.id], globexUser)).toBeNull();
    expect((await acme.desktops.getById(desktops[0]!.id)).assignedUserId).toBeNull();
  });

  it("claims the first free desktop of the ranking for the user, then the next one", async () => {
    const ranked = desktops.map((desktop) => desktop.id);
    expect(await claimFirstFree(acme, ranked, acmeUser)).toBe(ranked[0]);
    expect(await claimFirstFree(acme, ranked, acmeUser)).toBe(ranked[1]);
    expect(await claimFirstFree(acme, ranked, acmeUser)).toBeNull();
    const claimed = await acme.desktops.getById(ranked[0]!);
    expect(claimed).toMatchObject({ availability: "assigned", assignedUserId: acmeUser, desiredPowerState: "running" });
  });
});
