import { describe, expect, it } from "vitest";
import { buildDataSource } from "./data-source.js";
import { MSSQL_MIGRATIONS, POSTGRES_MIGRATIONS } from "./migration-list.js";

// No SQL Server can run on our CI machines, so the SQL Server path is checked offline: metadata builds, the
// migration lists stay in step, and the DDL covers every column the entities map.
async function mssqlMetadata() {
  const dataSource = buildDataSource({ kind: "mssql", url: "mssql://sa:secret@127.0.0.1:14339/atrium" });
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return dataSource;
}

async function upStatements(migration: new () => { up(q: unknown): Promise<void> }): Promise<string[]> {
  const statements: string[] = [];
  await new migration().up({ query: async (sql: string) => statements.push(sql) });
  return statements;
}

describe("SQL Server", () => {
  it("builds entity metadata with datetime2 timestamps", async () => {
    const dataSource = await mssqlMetadata();
    const job = dataSource.getMetadata("Job");
    expect(dataSource.driver.normalizeType(job.findColumnWithPropertyName("runAt")!)).toBe("datetime2");
  });

  it("has the same migrations, in the same order, as PostgreSQL", () => {
    expect(MSSQL_MIGRATIONS.map((m) => new m().name)).toEqual(POSTGRES_MIGRATIONS.map((m) => new m().name));
  });

  it("creates every table and column the entities map, with SQL Server types", async () => {
    const dataSource = await mssqlMetadata();
    const ddl = (await Promise.all(MSSQL_MIGRATIONS.map(upStatements))).flat().join("\n");
    for (const entity of dataSource.entityMetadatas) {
      const created = ddl.match(new RegExp(`CREATE TABLE "${entity.tableName}" \\((.*)\\)`))?.[1];
      expect(created, entity.tableName).toBeDefined();
      // Later migrations add columns to existing tables with ALTER TABLE … ADD.
      const added = [...ddl.matchAll(new RegExp(`ALTER TABLE "${entity.tableName}" ADD (.*)`, "g"))].map((m) => m[1]);
      const create = [created, ...added].join(", ");
      for (const column of entity.columns) {
        const type = dataSource.driver.normalizeType(column);
        expect(create, `${entity.tableName}.${column.databaseName}`).toContain(`"${column.databaseName}" ${type}`);
      }
    }
    expect(ddl).not.toMatch(/timestamptz|TIMESTAMP WITH TIME ZONE|gen_random_uuid|boolean/);
  });

  it("declares the tenant security policy, a filter and both block predicates, on every tenant-owned table", async () => {
    const dataSource = await mssqlMetadata();
    const ddl = (await Promise.all(MSSQL_MIGRATIONS.map(upStatements))).flat().join("\n");
    expect(ddl).toMatch(/CREATE FUNCTION atrium_security\.tenant_rows\(@tenant_id uniqueidentifier\).*SESSION_CONTEXT/);
    // 0012 creates the policy; a later migration's new table joins it with ALTER SECURITY POLICY … ADD.
    const policy = [...ddl.matchAll(/(?:CREATE|ALTER) SECURITY POLICY atrium_security\.tenant_isolation (.*)/g)]
      .map((statement) => `${statement[1]},`)
      .join(" ");
    const owned = dataSource.entityMetadatas.filter((entity) => entity.findColumnWithDatabaseName("tenant_id"));
    expect(owned.length).toBeGreaterThan(30);
    for (const { tableName } of owned) {
      const on = `atrium_security.tenant_rows("tenant_id") ON dbo."${tableName}"`;
      expect(policy, tableName).toContain(`ADD FILTER PREDICATE ${on},`);
      expect(policy, tableName).toContain(`ADD BLOCK PREDICATE ${on} AFTER INSERT`);
      expect(policy, tableName).toContain(`ADD BLOCK PREDICATE ${on} AFTER UPDATE`);
    }
  });
});
