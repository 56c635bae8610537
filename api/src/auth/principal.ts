import type { Role, User } from "@atrium/schema";
import type { Permission } from "./permissions.js";

export type Principal =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      username: string;
      sessionId: string;
      /** The tenant the user belongs to; null for MSP staff. */
      homeTenantId: string | null;
      /** The tenant an MSP user has explicitly entered, if any. */
      enteredTenantId: string | null;
      roles: Role[];
      permissions: Set<Permission>;
      /**
       * The user's row as this request's authentication read it, without the password hash: the steps after it in
       * the same request (a connect's access decision) use it instead of reading the row again.
       */
      account: User;
    }
  | {
      kind: "api_key";
      apiKeyId: string;
      name: string;
      homeTenantId: string | null;
      permissions: Set<Permission>;
    };

export const ANONYMOUS: Principal = { kind: "anonymous" };

/** The tenant every tenant-scoped query is filtered by; never taken from arguments. */
export function effectiveTenantId(principal: Principal): string | null {
  if (principal.kind === "anonymous") return null;
  if (principal.kind === "api_key") return principal.homeTenantId;
  return principal.homeTenantId ?? principal.enteredTenantId;
}

export function isMspPrincipal(principal: Principal): boolean {
  return principal.kind !== "anonymous" && principal.homeTenantId === null;
}

export function actorName(principal: Principal): string {
  if (principal.kind === "user") return principal.username;
  if (principal.kind === "api_key") return `api-key:${principal.name}`;
  return "anonymous";
}
