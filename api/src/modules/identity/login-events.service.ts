import { LoginEvent, type LoginMfa, type LoginOutcome, type LoginProviderKind } from "@atrium/schema";
import type { RequestContext } from "../../context/request-context.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { clientOfRequest, locationNamesAt } from "../access/index.js";
import { providerScope } from "./identity-providers.service.js";

export interface LoginAttempt {
  tenantId: string | null;
  userId?: string | null;
  username: string;
  providerId?: string | null;
  providerKind: LoginProviderKind;
  mfa?: LoginMfa;
  outcome: LoginOutcome;
  reason?: string | null;
}

/** The tenant's locations the sign-in came from, as the access rules would see them ("" outside any). */
async function signInLocation(ctx: RequestContext, tenantId: string | null): Promise<string | null> {
  const client = clientOfRequest(ctx);
  if (!tenantId || !client.ip) return null;
  const names = await locationNamesAt(ctx.manager, tenantId, client, ctx.services.clock());
  return names.join(", ").slice(0, 500);
}

/** One row per attempt; callers write it outside their transaction so a rolled-back sign-in still leaves a trace. */
export async function recordLoginEvent(ctx: RequestContext, attempt: LoginAttempt): Promise<void> {
  const location = await signInLocation(ctx, attempt.tenantId);
  await ctx.manager.getRepository(LoginEvent).insert({
    tenantId: attempt.tenantId,
    userId: attempt.userId ?? null,
    username: attempt.username.slice(0, 255),
    clientIp: ctx.clientIp.slice(0, 64),
    providerId: attempt.providerId ?? null,
    providerKind: attempt.providerKind,
    mfa: attempt.mfa ?? "none",
    outcome: attempt.outcome,
    reason: attempt.reason ? attempt.reason.slice(0, 500) : null,
    location,
  });
}

export function listLoginEvents(ctx: RequestContext, page: PageArgs) {
  const tenantId = providerScope(ctx);
  const query = ctx.manager
    .getRepository(LoginEvent)
    .createQueryBuilder("event")
    .where(tenantId ? "event.tenantId = :tenantId" : "event.tenantId IS NULL", { tenantId });
  return paginate(query, page, [{ property: "createdAt", direction: "DESC" }]);
}
