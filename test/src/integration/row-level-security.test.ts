import { acrossTenants, tenantDb } from "@atrium/api";
import { TENANT_ROLE } from "@atrium/migrations";
import { type Tenant, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, createUser } from "../fixtures/factories.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

// Row-level security behind the data door, on the embedded database and (with DATABASE_URL) on PostgreSQL: the
// statements here are raw SQL on purpose, the kind that would skip the door's own tenant predicate.
let app: TestApp;
let acme: Tenant;
let globex: Tenant;

const manager = () => app.database.dataSource.manager;
const userNames = (rows: { username: string }[]) => rows.map((row) => row.username).sort();

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenant(app, "acme");
  globex = await createTenant(app, "globex");
  await createUser(app, acme, "alice", "tenant_admin");
  await createUser(app, globex, "gina", "tenant_admin");
  await createUser(app, null, "operator", "msp_admin");
});
afterAll(() => app.close());

describe("row-level security", () => {
  it("is on, with the tenant policy, for every table of an entity that has a tenant", async () => {
    const owned = app.database.dataSource.entityMetadatas
      .filter((entity) => entity.columns.some((column) => column.databaseName === "tenant_id"))
      .map((entity) => entity.tableName)
      .sort();
    const secured: { relname: string }[] = await manager().query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relrowsecurity
          AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation')`,
    );
    expect(owned.length).toBeGreaterThan(30);
    expect(secured.map((row) => row.relname).sort()).toEqual(owned);
  });

  it("lets a statement that set no tenant read nothing and write nothing", async () => {
    const seen = await manager().transaction(async (tx) => {
      await tx.query(`SET LOCAL ROLE ${TENANT_ROLE}`);
      return tx.query('SELECT "username" FROM "app_user"');
    });
    expect(seen).toEqual([]);
    await expect(
      manager().transaction(async (tx) => {
        await tx.query(`SET LOCAL ROLE ${TENANT_ROLE}`);
        await tx.query(`INSERT INTO "app_user" ("tenant_id", "username", "display_name", "source", "disabled")
          VALUES ('${acme.id}', 'mallory', 'mallory', 'local', false)`);
      }),
    ).rejects.toThrow(/row-level security/);
    expect(await manager().count(User)).toBe(3);
  });

  it("keeps a tenant's transaction to its own rows even in raw SQL: no read, update, delete or insert of another's", async () => {
    const door = tenantDb(manager(), acme.id);
    const seen = await door.transaction((tx) => tx.manager.query('SELECT "username" FROM "app_user"'));
    expect(userNames(seen)).toEqual(["alice"]);
    const changed = await door.transaction(async (tx) => {
      const [, updated] = await tx.manager.query(
        `UPDATE "app_user" SET "display_name" = 'owned' WHERE "tenant_id" = $1 RETURNING "id"`,
        [globex.id],
      );
      const [, deleted] = await tx.manager.query(`DELETE FROM "app_user" WHERE "tenant_id" = $1 RETURNING "id"`, [
        globex.id,
      ]);
      return { updated, deleted };
    });
    expect(changed).toEqual({ updated: 0, deleted: 0 });
    await expect(
      door.transaction((tx) =>
        tx.manager.query(
          `INSERT INTO "app_user" ("tenant_id", "username", "display_name", "source", "disabled")
            VALUES ($1, 'mallory', 'mallory', 'local', false)`,
          [globex.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      door.transaction((tx) =>
        tx.manager.query(`UPDATE "app_user" SET "tenant_id" = $1 WHERE "username" = 'alice'`, [globex.id]),
      ),
    ).rejects.toThrow(/row-level security/);
    const gina = await manager().findOneByOrFail(User, { username: "gina" });
    expect({ tenantId: gina.tenantId, displayName: gina.displayName }).toEqual({
      tenantId: globex.id,
      displayName: "gina",
    });
    expect(await manager().count(User)).toBe(3);
  });

  it("shows the MSP's own rows only to a transaction acting for the MSP, and every row only through acrossTenants", async () => {
    const msp = await tenantDb(manager(), null).transaction((tx) =>
      tx.manager.query('SELECT "username" FROM "app_user"'),
    );
    expect(userNames(msp)).toEqual(["operator"]);
    const every = await acrossTenants(manager(), "test: row-level security sweep", "test").transaction((tx) =>
      tx.manager.query('SELECT "username" FROM "app_user"'),
    );
    expect(userNames(every)).toEqual(["alice", "gina", "operator"]);
  });
});
