import { type LoginMfa, type LoginOutcome, type LoginProviderKind } from "@atrium/schema";
import { signInCtx } from "../../context/build-ctx.js";
import type { Ctx } from "../../context/ctx.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { clientOfRequest, locationNamesAt } from "../access/index.js";

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
async function signInLocation(ctx: Ctx, tenantId: string | null): Promise<string | null> {
  const client = clientOfRequest(ctx);
  if (!tenantId || !client.ip) return null;
  const names = await locationNamesAt(ctx.manager, tenantId, client, ctx.services.clock());
  return names.join(", ").slice(0, 500);
}

/** One row per attempt; callers write it outside their transaction so a rolled-back sign-in still leaves a trace. */
export async function recordLoginEvent(ctx: Ctx, attempt: LoginAttempt): Promise<void> {
  const location = await signInLocation(ctx, attempt.tenantId);
  await signInCtx(ctx, attempt.tenantId).db.loginEvents.insert({
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

export function listLoginEvents(ctx: Ctx, page: PageArgs) {
  const query = ctx.db.loginEvents.query("event");
  return paginate(query, page, [{ property: "createdAt", direction: "DESC" }]);
}
