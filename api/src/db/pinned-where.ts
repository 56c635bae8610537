import type { ObjectLiteral, WhereExpressionBuilder } from "typeorm";

type WhereClause = { type: "simple" | "and" | "or"; condition: unknown; pinned?: true };
type WhereMethod = "where" | "andWhere" | "orWhere";
type Builder = WhereExpressionBuilder & { expressionMap: { wheres: WhereClause[] }; clone(): Builder };

/** A string condition keeps its own ORs to itself: `tenant AND (a OR b)`, never `tenant AND a OR b`. */
const isolate = (clause: WhereClause): WhereClause =>
  typeof clause.condition === "string" ? { ...clause, condition: `(${clause.condition})` } : clause;

/**
 * Pins `predicate` in front of whatever the caller adds: `where` (which would otherwise replace it), `andWhere` and
 * `orWhere` all land in one bracketed group after it, so no condition a caller writes can widen the statement past
 * the predicate. A clone (paging, TypeORM's own count query) is pinned the same way, with the conditions it copied.
 */
export function pinWhere<B extends WhereExpressionBuilder>(
  builder: B,
  predicate: string,
  parameters: ObjectLiteral,
): B {
  const target = builder as unknown as Builder;
  const pinned: WhereClause = { type: "simple", condition: predicate, pinned: true };
  const [first, group] = target.expressionMap.wheres;
  let own: WhereClause[] = first?.pinned && group ? [...(group.condition as WhereClause[])] : [];
  const render = () => {
    target.expressionMap.wheres = own.length ? [pinned, { type: "and", condition: own }] : [pinned];
  };
  for (const method of ["where", "andWhere", "orWhere"] as WhereMethod[]) {
    const original = target[method] as (where: unknown, parameters?: ObjectLiteral) => unknown;
    Object.defineProperty(target, method, {
      value(where: unknown, params?: ObjectLiteral) {
        const kept = method === "where" ? 0 : own.length;
        target.expressionMap.wheres = [...own];
        original.call(target, where, params);
        own = target.expressionMap.wheres.map((clause, index) => (index < kept ? clause : isolate(clause)));
        render();
        return target;
      },
    });
  }
  const clone = target.clone;
  Object.defineProperty(target, "clone", { value: () => pinWhere(clone.call(target), predicate, parameters) });
  render();
  (builder as unknown as { setParameters(values: ObjectLiteral): unknown }).setParameters(parameters);
  return builder;
}
