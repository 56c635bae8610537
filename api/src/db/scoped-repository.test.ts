import type { Database } from "@atrium/migrations";
import { type Group, Tenant } from "@atrium/schema";
import { Brackets } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobTestTargets, openJobTestDatabase } from "../jobs/jobs.test-support.js";
import { acrossTenants, type TenantDb, tenantDb } from "./tenant-db.js";
import { enforceTenantSetting, TENANT_SETTING } from "./tenant-setting.js";

describe.each(jobTestTargets())("the scoped door on $label", ({ url }) => {
  let database: Database;
  let acme: TenantDb;
  let globex: TenantDb;
  let acmeGroup: Group;
  let globexGroup: Group;

  beforeAll(async () => {
    database = await openJobTestDatabase(url);
    const tenants = database.dataSource.getRepository(Tenant);
    const [a, g] = await tenants.save([
      { name: "Acme", slug: "acme" },
      { name: "Globex", slug: "globex" },
    ]);
    acme = tenantDb(database.dataSource.manager, a!.id);
    globex = tenantDb(database.dataSource.manager, g!.id);
    acmeGroup = await acme.groups.insert({ name: "staff", description: null, source: "local", externalId: null });
    globexGroup = await globex.groups.insert({ name: "staff", description: null, source: "local", externalId: null });
  });
  afterAll(async () => {
    await database?.close();
  });

  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => "resolved",
      (error) => error.code,
    );

  it("stamps the owner on insert, whatever the values say", async () => {
    const smuggled = await acme.groups.insert({ name: "ops", tenantId: globex.tenantId } as never);
    expect(smuggled.tenantId).toBe(acme.tenantId);
    await acme.groups.remove(smuggled.id);
  });

  it("answers another tenant's id and a malformed id with NOT_FOUND, and changes nothing", async () => {
    expect(await code(acme.groups.getById(globexGroup.id))).toBe("NOT_FOUND");
    expect(await code(acme.groups.getById("not-a-uuid"))).toBe("NOT_FOUND");
    expect(await code(acme.groups.update(globexGroup.id, { name: "taken" }))).toBe("NOT_FOUND");
    expect(await code(acme.groups.remove(globexGroup.id))).toBe("NOT_FOUND");
    expect(await acme.groups.updateWhere("id = :id", { name: "taken" }, { id: globexGroup.id })).toBe(0);
    expect(await acme.groups.deleteWhere("id = :id", { id: globexGroup.id })).toBe(0);
    expect((await globex.groups.getById(globexGroup.id)).name).toBe("staff");
  });

  it("moves a row to another owner only through the named across-tenants door", async () => {
    const row = await acme.groups.insert({ name: "movers", description: null, source: "local", externalId: null });
    await expect(acme.groups.moveToOwner({ id: row.id }, globex.tenantId)).rejects.toThrow(/acrossTenants/);
    const door = acrossTenants(acme.manager, "test: move a row", "test");
    expect(await door.groups.moveToOwner({ id: row.id }, globex.tenantId)).toBe(1);
    expect((await globex.groups.getById(row.id)).tenantId).toBe(globex.tenantId);
    expect(await code(acme.groups.getById(row.id))).toBe("NOT_FOUND");
    await globex.groups.remove(row.id);
  });

  it("never lets an update move a row to another tenant", async () => {
    const moved = await acme.groups.update(acmeGroup.id, { name: "staff", tenantId: globex.tenantId } as never);
    expect(moved.tenantId).toBe(acme.tenantId);
    await acme.groups.updateWhere("id = :id", { tenantId: globex.tenantId } as never, { id: acmeGroup.id });
    expect((await acme.groups.getById(acmeGroup.id)).tenantId).toBe(acme.tenantId);
  });

  it("keeps the predicate first whatever where, orWhere or brackets a query adds", async () => {
    const names = (rows: Group[]) => rows.map((row) => row.tenantId);
    const replaced = await acme.groups.query("g").where("1 = 1").getMany();
    const widened = await acme.groups.query("g").where("g.name = :n", { n: "nothing" }).orWhere("1 = 1").getMany();
    const inOne = await acme.groups.query("g").andWhere("g.name = 'x' OR 1 = 1").getMany();
    const bracketed = await acme.groups
      .query("g")
      .andWhere(new Brackets((inner) => inner.where("1 = 0").orWhere("1 = 1")))
      .getManyAndCount();
    const cloned = await acme.groups.query("g").andWhere("g.name = 'staff'").clone().where("1 = 1").getMany();
    for (const rows of [replaced, widened, inOne, bracketed[0], cloned]) expect(names(rows)).toEqual([acme.tenantId]);
    expect(bracketed[1]).toBe(1);
  });

  it("scopes joins, counts, bulk VALUES updates and deletes to the owner", async () => {
    const query = acme.groups.query("g").select("g.id", "id").addSelect("other.id", "otherId");
    const joined = await acme.groups.join(query, "other", "other.name = g.name", "left").getRawMany();
    expect(joined).toEqual([{ id: acmeGroup.id, otherId: acmeGroup.id }]);
    expect(await acme.groups.count()).toBe(1);
    await acme.groups.updateMany([
      { id: acmeGroup.id, patch: { description: "mine" } },
      { id: globexGroup.id, patch: { description: "not mine" } },
    ]);
    expect((await acme.groups.getById(acmeGroup.id)).description).toBe("mine");
    expect((await globex.groups.getById(globexGroup.id)).description).toBeNull();
    expect(await acme.groups.delete({ id: globexGroup.id })).toBe(0);
  });

  it("sets the tenant setting inside every transaction of the door, and the across door names its reason", async () => {
    const unset = await acme.transaction((tx) =>
      tx.manager.query(`SELECT current_setting('${TENANT_SETTING}', true) AS "tenant"`),
    );
    expect(unset[0].tenant ?? "").toBe("");
    enforceTenantSetting(database.dataSource);
    const read = `SELECT current_setting('${TENANT_SETTING}', true) AS "tenant", current_setting('atrium.across_tenants', true) AS "reason"`;
    const scoped = await acme.transaction((tx) => tx.manager.query(read));
    expect(scoped[0]).toEqual({ tenant: acme.tenantId, reason: "" });
    const across = acrossTenants(database.dataSource.manager, "test: every tenant", "test");
    const wide = await across.transaction((tx) => tx.manager.query(read));
    expect(wide[0]).toEqual({ tenant: "", reason: "test: every tenant" });
    expect((await across.groups.find()).length).toBe(2);
  });
});
