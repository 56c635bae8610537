import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import "../graphql/enums.js";
import { buildSchema, getMetadataStorage } from "type-graphql";
import { PERMISSIONS, type Permission } from "../auth/permissions.js";
import { authChecker } from "../graphql/auth-checker.js";
import { rejectMalformedInput } from "../graphql/input-guard.js";
import { auditEveryMutation } from "../tenancy/audit.js";
import { RESOLVERS } from "./resolvers.js";

export interface OperationPermission {
  operation: string;
  permission: Permission;
}

/** Every root operation and the permission it declares; the deny-by-default check and the snapshot test read this. */
export function operationPermissions(): OperationPermission[] {
  const storage = getMetadataStorage();
  const declared = new Map(
    storage.authorizedFields.map((entry) => [`${entry.target.name}.${entry.fieldName}`, entry.roles as Permission[]]),
  );
  const operations = [
    ...storage.queries.map((q) => ({ kind: "Query", q })),
    ...storage.mutations.map((q) => ({ kind: "Mutation", q })),
  ];
  return operations
    .map(({ kind, q }) => {
      const roles = declared.get(`${q.target.name}.${q.methodName}`) ?? [];
      if (roles.length !== 1 || !(roles[0]! in PERMISSIONS)) {
        // Deny by default: an operation nobody thought about must not reach production.
        throw new Error(`${kind}.${q.schemaName} must declare exactly one known permission with @RequirePermission`);
      }
      return { operation: `${kind}.${q.schemaName}`, permission: roles[0]! };
    })
    .sort((a, b) => a.operation.localeCompare(b.operation));
}

let cached: Promise<GraphQLSchema> | undefined;

export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= (async () => {
    operationPermissions();
    return buildSchema({
      resolvers: RESOLVERS,
      authChecker,
      authMode: "error",
      globalMiddlewares: [rejectMalformedInput, auditEveryMutation],
      // type-graphql skips null properties by default, which would let an explicit null past @OptionalNotNull.
      validate: { forbidUnknownValues: false, whitelist: false, skipMissingProperties: false },
    });
  })();
  return cached;
}

/** The committed contract in `schema/graphql/schema.graphql`: sorted, so diffs show real changes only. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
