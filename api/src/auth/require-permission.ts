import { Authorized } from "type-graphql";
import type { Permission } from "./permissions.js";

/** Declares the one permission an operation needs. Operations without it fail the start-up check (deny by default). */
export function RequirePermission(permission: Permission): MethodDecorator & PropertyDecorator {
  return Authorized(permission);
}
