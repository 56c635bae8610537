import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { badInput } from "../errors/app-error.js";
import type { Page, PageArgs } from "./connection.js";

export interface SortKey {
  /** Entity property, e.g. `name` or `createdAt`. */
  property: string;
  direction: "ASC" | "DESC";
}

/** Dates travel tagged so a text key that merely looks like a date is never compared as one. */
type CursorValue = string | number | boolean | null | { date: string };

function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

function decodeCursor(cursor: string, expected: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === expected) return values;
  } catch {
    // fall through to the typed error
  }
  throw badInput("The cursor is not one this API issued", "after");
}

const toCursorValue = (value: unknown): CursorValue =>
  value instanceof Date ? { date: value.toISOString() } : (value as CursorValue);
const fromCursorValue = (value: CursorValue) =>
  value !== null && typeof value === "object" ? new Date(value.date) : value;

/**
 * Keyset pagination on the sort keys plus `id` as the final tie-breaker, so every row appears exactly once while
 * pages are read, even when rows are inserted in between. Sort keys must hold exact values (text, integers, or
 * timestamps stored at millisecond precision).
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  sort: SortKey[],
): Promise<Page<T>> {
  const alias = query.alias;
  const keys: SortKey[] = [...sort, { property: "id", direction: sort[0]?.direction ?? "ASC" }];
  const totalCount = await query.clone().getCount();
  const page = query.clone();
  if (args.after) {
    const values = decodeCursor(args.after, keys.length);
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    keys.forEach((key, index) => {
      const equalities = keys.slice(0, index).map((prior, j) => `${alias}.${prior.property} = :cursor${j}`);
      const op = key.direction === "ASC" ? ">" : "<";
      clauses.push(`(${[...equalities, `${alias}.${key.property} ${op} :cursor${index}`].join(" AND ")})`);
      params[`cursor${index}`] = fromCursorValue(values[index] ?? null);
    });
    page.andWhere(`(${clauses.join(" OR ")})`, params);
  }
  keys.forEach((key, index) => {
    if (index === 0) page.orderBy(`${alias}.${key.property}`, key.direction);
    else page.addOrderBy(`${alias}.${key.property}`, key.direction);
  });
  const rows = await page.limit(args.first + 1).getMany();
  const nodes = rows.slice(0, args.first);
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor(keys.map((key) => toCursorValue((node as Record<string, unknown>)[key.property]))),
  }));
  return {
    nodes,
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
