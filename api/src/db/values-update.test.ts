import { describe, expect, it } from "vitest";
import { buildValuesUpdateSql, rowsPerStatement } from "./values-update.js";

const rows = [
  { id: "a0000000-0000-4000-8000-000000000001", values: { server_id: "s1", provisioning_state: "ready" } },
  { id: "a0000000-0000-4000-8000-000000000002", values: { server_id: "s2", provisioning_state: null } },
];

describe("UPDATE … FROM (VALUES …)", () => {
  it("PostgreSQL: one UPDATE … FROM VALUES, ids compared as uuids, tenant predicate inside", () => {
    const { sql, parameters } = buildValuesUpdateSql(
      "postgres",
      "desktop",
      "tenant-1",
      ["server_id", "provisioning_state"],
      rows,
      true,
    );
    expect(sql).toBe(
      'UPDATE "desktop" AS "t" SET "server_id" = "v"."server_id", "provisioning_state" = "v"."provisioning_state", ' +
        '"updated_at" = CURRENT_TIMESTAMP FROM (VALUES ($2::uuid, $3, $4), ($5::uuid, $6, $7)) ' +
        'AS "v"("id", "server_id", "provisioning_state") WHERE "t"."tenant_id" = $1 AND "t"."id" = "v"."id"',
    );
    expect(parameters).toEqual(["tenant-1", rows[0]!.id, "s1", "ready", rows[1]!.id, "s2", null]);
  });

  it("SQL Server: the same as UPDATE … FROM JOIN with @n parameters from 0", () => {
    const { sql, parameters } = buildValuesUpdateSql(
      "mssql",
      "desktop",
      "tenant-1",
      ["server_id"],
      rows.slice(0, 1),
      true,
    );
    expect(sql).toBe(
      'UPDATE "t" SET "server_id" = "v"."server_id", "updated_at" = CURRENT_TIMESTAMP FROM "desktop" AS "t" ' +
        'INNER JOIN (VALUES (@1, @2)) AS "v"("id", "server_id") ON "t"."id" = "v"."id" WHERE "t"."tenant_id" = @0',
    );
    expect(parameters).toEqual(["tenant-1", rows[0]!.id, "s1"]);
  });

  it("MSP-wide rows match a null owner, and the across-tenants door writes without an owner predicate", () => {
    const msp = buildValuesUpdateSql("postgres", "alert_state", null, ["status"], [rows[0]!], false);
    expect(msp.sql).toBe(
      'UPDATE "alert_state" AS "t" SET "status" = "v"."status" FROM (VALUES ($1::uuid, $2)) AS "v"("id", "status") ' +
        'WHERE "t"."tenant_id" IS NULL AND "t"."id" = "v"."id"',
    );
    const across = buildValuesUpdateSql("mssql", "alert_state", undefined, ["status"], [rows[0]!], false);
    expect(across.sql).toBe(
      'UPDATE "t" SET "status" = "v"."status" FROM "alert_state" AS "t" ' +
        'INNER JOIN (VALUES (@0, @1)) AS "v"("id", "status") ON "t"."id" = "v"."id"',
    );
  });

  it("chunks rows under SQL Server's parameter limit", () => {
    expect(rowsPerStatement(8)).toBe(222);
    expect(rowsPerStatement(8) * 9 + 1 <= 2_100).toBe(true);
  });
});
