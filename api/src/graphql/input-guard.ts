import {
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from "graphql";
import type { MiddlewareFn } from "type-graphql";
import { AppError, badInput } from "../errors/app-error.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Walks a value by its GraphQL input type; returns what is wrong with it, or null. */
function problemIn(value: unknown, type: GraphQLInputType, path: string, depth: number): string | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return problemIn(value, (type as GraphQLNonNull<GraphQLInputType>).ofType, path, depth);
  if (isListType(type)) {
    const item = (type as GraphQLList<GraphQLInputType>).ofType;
    if (!Array.isArray(value)) return problemIn(value, item, path, depth);
    for (const [index, entry] of value.entries()) {
      const problem = problemIn(entry, item, `${path}[${index}]`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields)) {
      const problem = problemIn((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (type instanceof GraphQLScalarType && type.name === "ID" && !(typeof value === "string" && UUID.test(value))) {
    return `id:${path}`;
  }
  return nulIn(value, path, depth);
}

/** JSON scalars carry any shape: every string in them, keys included, is checked for NUL. */
function nulIn(value: unknown, path: string, depth: number): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? `${path} contains a NUL character` : null;
  if (value === null || typeof value !== "object" || depth > 32) return null;
  for (const [key, entry] of Object.entries(value)) {
    const problem = key.includes("\u0000") ? `${path} contains a NUL character` : nulIn(entry, path, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * Every argument is checked before a resolver runs: an `ID` must be one of ours (a UUID; anything else is
 * NOT_FOUND, like an unknown id), and no string may hold a NUL character (BAD_USER_INPUT). Both would otherwise reach the database, which refuses them with an error of its own (an invalid
 * uuid, an invalid byte sequence) that used to surface as INTERNAL_SERVER_ERROR; and a malformed id could never
 * name a row anyway. Fields without arguments pass straight through.
 */
export const rejectMalformedInput: MiddlewareFn = async ({ args, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  if (!field || field.args.length === 0) return next();
  for (const argument of field.args) {
    const problem = problemIn(args[argument.name], argument.type, argument.name, 0);
    // A malformed id names nothing: the same answer as an unknown or foreign one, as everywhere else.
    if (problem?.startsWith("id:")) throw new AppError("NOT_FOUND", "Not found", { field: problem.slice(3) });
    if (problem) throw badInput(problem, argument.name);
  }
  return next();
};
