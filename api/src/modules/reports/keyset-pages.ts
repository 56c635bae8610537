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
    page.andWhere(`(${columns.time} > :afterAt OR (${columns.time} = :afterAt AND ${columns.id} > :afterId))`, {
      afterAt: after.at,
      afterId: after.id,
    });
  }
  return page.orderBy(columns.time, "ASC").addOrderBy(columns.id, "ASC").limit(limit).getRawMany<Raw>();
}

/** Every row of `query` in keyset pages of `pageSize`: memory holds one page, whatever the total. */
export async function* keysetRows<Raw extends { id: string }>(
  query: SelectQueryBuilder<ObjectLiteral>,
  columns: { time: string; id: string },
  timeOf: (row: Raw) => Date,
  pageSize = 2_000,
): AsyncGenerator<Raw> {
  let after: KeysetPosition | null = null;
  for (;;) {
    const rows: Raw[] = await keysetPage<Raw>(query, columns, after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { at: timeOf(last), id: last.id };
  }
}
