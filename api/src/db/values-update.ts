import type { DataSource, EntityMetadata } from "typeorm";
import { type Dialect, dialectOf, type SqlStatement } from "./dialect.js";

/** One row's new values, by entity property. */
export interface RowPatch<T> {
  id: string;
  patch: Partial<T>;
}

/** SQL Server takes at most 2,100 parameters a statement; keep well under it on both dialects. */
const MAX_PARAMETERS = 2_000;

/** Rows per statement so that the owner, and id + columns of every row, stay under the parameter limit. */
export function rowsPerStatement(columnCount: number): number {
  return Math.max(1, Math.floor((MAX_PARAMETERS - 1) / (columnCount + 1)));
}

export interface PreparedRow {
  id: string;
  /** Database column name → value already prepared for the driver. */
  values: Record<string, unknown>;
}

/**
 * One UPDATE … FROM (VALUES …) for rows that set the same columns; `owner` undefined writes across tenants, null
 * MSP-wide rows, a string that tenant's rows only (the predicate is part of the statement). Values are sent as the
 * driver prepares them for their columns; PostgreSQL types untyped VALUES parameters as text, so this suits
 * text-like columns, and the id is cast to uuid. `updated_at` is set as TypeORM's own updates set it.
 */
export function buildValuesUpdateSql(
  dialect: Dialect,
  table: string,
  owner: string | null | undefined,
  columns: string[],
  rows: PreparedRow[],
  touchUpdatedAt: boolean,
): SqlStatement {
  const parameters: unknown[] = [];
  const mark = () => (dialect === "mssql" ? `@${parameters.length - 1}` : `$${parameters.length}`);
  let ownerSql = "";
  if (owner === null) ownerSql = `"t"."tenant_id" IS NULL`;
  else if (owner !== undefined) {
    parameters.push(owner);
    ownerSql = `"t"."tenant_id" = ${mark()}`;
  }
  const tuples = rows.map((row) => {
    parameters.push(row.id);
    const cells = [dialect === "mssql" ? mark() : `${mark()}::uuid`];
    for (const column of columns) {
      parameters.push(row.values[column] ?? null);
      cells.push(mark());
    }
    return `(${cells.join(", ")})`;
  });
  const names = ["id", ...columns].map((column) => `"${column}"`).join(", ");
  const sets = columns.map((column) => `"${column}" = "v"."${column}"`);
  if (touchUpdatedAt) sets.push(`"updated_at" = CURRENT_TIMESTAMP`);
  const values = `(VALUES ${tuples.join(", ")}) AS "v"(${names})`;
  const ownerAnd = ownerSql ? `${ownerSql} AND ` : "";
  const sql =
    dialect === "mssql"
      ? `UPDATE "t" SET ${sets.join(", ")} FROM "${table}" AS "t" INNER JOIN ${values} ON "t"."id" = "v"."id"` +
        (ownerSql ? ` WHERE ${ownerSql}` : "")
      : `UPDATE "${table}" AS "t" SET ${sets.join(", ")} FROM ${values} WHERE ${ownerAnd}"t"."id" = "v"."id"`;
  return { sql, parameters };
}

/** The statements that write `rows`: grouped by the set of columns they change, chunked under the parameter limit. */
export function bulkUpdateStatements<T>(
  dataSource: DataSource,
  metadata: EntityMetadata,
  owner: string | null | undefined,
  rows: RowPatch<T>[],
): SqlStatement[] {
  const driver = dataSource.driver;
  const groups = new Map<string, PreparedRow[]>();
  for (const { id, patch } of rows) {
    const values: Record<string, unknown> = {};
    for (const [property, value] of Object.entries(patch as Record<string, unknown>)) {
      if (property === "tenantId" || property === "id") continue;
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name} has no column ${property}`);
      values[column.databaseName] = driver.preparePersistentValue(value, column);
    }
    const key = Object.keys(values).sort().join(",");
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.push({ id, values });
    else groups.set(key, [{ id, values }]);
  }
  const touch = metadata.updateDateColumn !== undefined;
  const dialect = dialectOf(dataSource);
  const statements: SqlStatement[] = [];
  for (const [key, group] of groups) {
    const columns = key.split(",");
    const size = rowsPerStatement(columns.length);
    for (let start = 0; start < group.length; start += size) {
      statements.push(
        buildValuesUpdateSql(dialect, metadata.tableName, owner, columns, group.slice(start, start + size), touch),
      );
    }
  }
  return statements;
}
