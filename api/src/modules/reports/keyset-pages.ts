import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { badInput } from "../../errors/app-error.js";

/** Position after the last row read: its sort time and id (the tie-breaker). */
export interface KeysetPosition {
  readonly at: Date;
  readonly id: string;
}

export function encodeKeyset(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString("base64url");
}

export function decodeKeyset(cursor: string): KeysetPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof at === "string" && typeof id === "string" && !Number.isNaN(Date.parse(at)))
      return { at: new Date(at), id };
  } catch {
    // fall through to the typed error
  }
  throw badInput("The cursor is not one this API issued", "after");
}

/**
 * One page of `query` ordered by (`timeColumn`, `idColumn`) ascending, strictly after `after`. Keyset rather than
 * OFFSET: each page costs the same however deep it is, and rows inserted meanwhile never shift or repeat a page.
 * Times must be stored at millisecond precision so the cursor round-trips exactly.
 */
export async function keysetPage<Raw>(
  query: SelectQueryBuilder<ObjectLiteral>,
  columns: { time: string; id: string },
  after: KeysetPosition | null,
  limit: number,
): Promise<Raw[]> {
  const page = query.clone();
  if (after) {
    // The plain `>=` repeats what the OR implies so the (tenant, time) index can seek to the page start; without
    // it the planner scans from the period start on every page, and a million-row export goes quadratic.
    page.andWhere(`${columns.time} >= :afterAt`, { afterAt: after.at });
    page.andWhere(`(${columns.time} > :afterAt OR (${columns.time} = :afterAt AND ${columns.id} > :afterId))`, {
      afterAt: after.at,
      afterId: after.id,
    });
  }
  page.orderBy(columns.time, "ASC").addOrderBy(columns.id, "ASC").limit(limit);
  const pool = postgresPool(page);
  if (!pool) return page.getRawMany<Raw>();
  const [sql, parameters] = page.getQueryAndParameters();
  return (await pool.query(sql, parameters)).rows as Raw[];
}

interface PgPool {
  query(sql: string, parameters: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The pg pool, for pages read outside a transaction on PostgreSQL (and PGlite, served over the same protocol). Its
 * rows are what getRawMany returns, but TypeORM's query path keeps each page's result alive long enough to reach the
 * old generation, which for a million-row export was about 80 MB more peak memory. Inside a transaction, or on SQL
 * Server, the query builder's own connection is used.
 */
function postgresPool(query: SelectQueryBuilder<ObjectLiteral>): PgPool | null {
  const { connection } = query;
  const boundRunner = (query as unknown as { queryRunner?: unknown }).queryRunner;
  if (connection.options.type !== "postgres" || boundRunner) return null;
  return (connection.driver as unknown as { master?: PgPool }).master ?? null;
}

/**
 * Every row of `query` in keyset pages of `pageSize`: memory holds two pages, whatever the total. The next page is
 * requested before the current one is handed out, so the database works while the consumer renders.
 */
export async function* keysetRows<Raw extends { id: string }>(
  query: SelectQueryBuilder<ObjectLiteral>,
  columns: { time: string; id: string },
  timeOf: (row: Raw) => Date,
  pageSize = 2_000,
): AsyncGenerator<Raw> {
  let next: Promise<Raw[]> | null = keysetPage<Raw>(query, columns, null, pageSize);
  try {
    while (next) {
      const rows: Raw[] = await next;
      const last = rows.at(-1);
      next =
        rows.length === pageSize && last
          ? keysetPage<Raw>(query, columns, { at: timeOf(last), id: last.id }, pageSize)
          : null;
      yield* rows;
    }
  } finally {
    // A consumer that stops early (client gone, render failed) leaves the prefetch behind; it must not go unhandled.
    next?.catch(() => undefined);
  }
}
