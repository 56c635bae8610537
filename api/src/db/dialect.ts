import type { Dialect } from "@atrium/migrations";
import { type DataSource, type EntityManager, MssqlParameter } from "typeorm";

export type { Dialect } from "@atrium/migrations";

/** A statement plus positional parameters, ready for `manager.query` or `queryRecords`. */
export interface SqlStatement {
  sql: string;
  parameters: unknown[];
}

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === "mssql" ? "mssql" : "postgres";
}

/**
 * A timestamp parameter. The mssql driver types a bare JS Date as `datetime` (3.33 ms steps), which would round
 * the instants we compare against `datetime2` columns; PostgreSQL takes the Date as it is.
 */
export function timestampParam(dialect: Dialect, value: Date): unknown {
  return dialect === "mssql" ? new MssqlParameter(value, "datetime2") : value;
}

/** Unique-key violation on either dialect: PostgreSQL SQLSTATE 23505, SQL Server errors 2601 (index) and 2627. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; number?: unknown; driverError?: { code?: unknown; number?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  const number = e?.driverError?.number ?? e?.number;
  return code === "23505" || number === 2601 || number === 2627;
}

/**
 * `manager.query` returns driver-shaped results (PostgreSQL gives `[rows, count]` for UPDATE … RETURNING), so
 * statements that return rows run through a query runner's structured result, which has `records` on both dialects.
 * A transaction's manager brings its own runner; that one must be used, never a fresh connection.
 */
export async function queryRecords(manager: EntityManager, statement: SqlStatement): Promise<unknown[]> {
  const own = manager.queryRunner;
  const runner = own ?? manager.dataSource.createQueryRunner();
  try {
    const result = await runner.query(statement.sql, statement.parameters, true);
    return result.records ?? [];
  } finally {
    if (!own) await runner.release();
  }
}
