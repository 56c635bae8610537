import type { AuthChecker } from "type-graphql";
import { PERMISSIONS, type Permission } from "../auth/permissions.js";
import { effectiveTenantId } from "../auth/principal.js";
import type { Ctx } from "../context/ctx.js";
import { AppError, forbidden, unauthenticated } from "../errors/app-error.js";

export interface AuthCheckContext extends Ctx {
  /** Set when the request carried a token that failed verification; reported on the first protected field. */
  authError?: AppError;
}

export const authChecker: AuthChecker<AuthCheckContext, Permission> = ({ context }, required) => {
  const permission = required[0];
  if (!permission || required.length !== 1) throw new Error("Each operation must declare exactly one permission");
  if (permission === "public") return true;
  const principal = context.principal;
  if (principal.kind === "anonymous") throw context.authError ?? unauthenticated();
  if (!principal.permissions.has(permission)) throw forbidden();
  if (PERMISSIONS[permission].scope === "tenant" && !effectiveTenantId(principal)) {
    throw forbidden("This needs a tenant context: enter a tenant first");
  }
  if (PERMISSIONS[permission].scope === "msp" && principal.homeTenantId !== null) throw forbidden();
  return true;
};
