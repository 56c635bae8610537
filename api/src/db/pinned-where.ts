import type { ObjectLiteral, WhereExpressionBuilder } from "typeorm";

type WhereClause = { type: "simple" | "and" | "or"; condition: unknown };
type WhereMethod = "where" | "andWhere" | "orWhere";
type Builder = WhereExpressionBuilder & { expressionMap: { wheres: WhereClause[] } };

/** A string condition keeps its own ORs to itself: `tenant AND (a OR b)`, never `tenant AND a OR b`. */
const isolate = (clause: WhereClause): WhereClause =>
  typeof clause.condition === "string" ? { ...clause, condition: `(${clause.condition})` } : clause;

/**
 * Pins `predicate` in front of whatever the caller adds: `where` (which would otherwise replace it), `andWhere` and
 * `orWhere` all land in one bracketed group after it, so no condition a caller writes can widen the statement past
 * the predicate. Clones (TypeORM's own count query) copy the structure, predicate included.
 */
export function pinWhere<B extends WhereExpressionBuilder>(
  builder: B,
  predicate: string,
  parameters: ObjectLiteral,
): B {
  const target = builder as unknown as Builder;
  const pinned: WhereClause = { type: "simple", condition: predicate };
  let own: WhereClause[] = [];
  const render = () => {
    target.expressionMap.wheres = own.length ? [pinned, { type: "and", condition: own.map(isolate) }] : [pinned];
  };
  for (const method of ["where", "andWhere", "orWhere"] as WhereMethod[]) {
    const original = target[method] as (where: unknown, parameters?: ObjectLiteral) => unknown;
    Object.defineProperty(target, method, {
      value(where: unknown, params?: ObjectLiteral) {
        target.expressionMap.wheres = own;
        original.call(target, where, params);
        own = target.expressionMap.wheres;
        render();
        return target;
      },
    });
  }
  render();
  (builder as unknown as { setParameters(values: ObjectLiteral): unknown }).setParameters(parameters);
  return builder;
}
