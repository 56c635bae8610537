import { describe, expect, it } from "vitest";
import { buildBulkUpdateSql, rowsPerStatement } from "./desktop-writes.js";

const rows = [
  { id: "a0000000-0000-4000-8000-000000000001", values: { server_id: "s1", provisioning_state: "ready" } },
  { id: "a0000000-0000-4000-8000-000000000002", values: { server_id: "s2", provisioning_state: null } },
];

describe("bulk desktop update", () => {
  it("PostgreSQL: one UPDATE … FROM VALUES, ids compared as uuids, tenant predicate inside", () => {
    const { sql, parameters } = buildBulkUpdateSql("postgres", "tenant-1", ["server_id", "provisioning_state"], rows);
    expect(sql).toBe(
      'UPDATE "desktop" AS "t" SET "server_id" = "v"."server_id", "provisioning_state" = "v"."provisioning_state", ' +
        '"updated_at" = CURRENT_TIMESTAMP FROM (VALUES ($2::uuid, $3, $4), ($5::uuid, $6, $7)) ' +
        'AS "v"("id", "server_id", "provisioning_state") WHERE "t"."tenant_id" = $1 AND "t"."id" = "v"."id"',
    );
    expect(parameters).toEqual(["tenant-1", rows[0]!.id, "s1", "ready", rows[1]!.id, "s2", null]);
  });

  it("SQL Server: the same as UPDATE … FROM JOIN with @n parameters from 0", () => {
    const { sql, parameters } = buildBulkUpdateSql("mssql", "tenant-1", ["server_id"], rows.slice(0, 1));
    expect(sql).toBe(
      'UPDATE "t" SET "server_id" = "v"."server_id", "updated_at" = CURRENT_TIMESTAMP FROM "desktop" AS "t" ' +
        'INNER JOIN (VALUES (@1, @2)) AS "v"("id", "server_id") ON "t"."id" = "v"."id" WHERE "t"."tenant_id" = @0',
    );
    expect(parameters).toEqual(["tenant-1", rows[0]!.id, "s1"]);
  });

  it("chunks rows under SQL Server's parameter limit", () => {
    expect(rowsPerStatement(8)).toBe(222);
    expect(rowsPerStatement(8) * 9 + 1 <= 2_100).toBe(true);
  });
});
