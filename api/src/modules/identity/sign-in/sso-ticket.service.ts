import type { IdentityProvider, User } from "@atrium/schema";
import { signInCtx } from "../../../context/build-ctx.js";
import type { Ctx } from "../../../context/ctx.js";
import { AppError } from "../../../errors/app-error.js";
import { consumeFlowState, createFlowState, findFlowState } from "../flow-state.store.js";
import { finishPrimaryAuthentication } from "./primary-authentication.service.js";
import type { SignInOutcome } from "./sign-in-finish.service.js";

const TICKET_TTL_SECONDS = 60;

/** After a browser SSO round trip: a one-time ticket the portal trades for tokens (never tokens in a URL). */
export function issueSsoTicket(ctx: Ctx, user: User, provider: IdentityProvider): Promise<string> {
  return createFlowState(ctx, {
    kind: "sso_ticket",
    tenantId: user.tenantId,
    userId: user.id,
    providerId: provider.id,
    ttlSeconds: TICKET_TTL_SECONDS,
  });
}

export async function redeemSsoTicket(ctx: Ctx, ticket: string): Promise<SignInOutcome> {
  const row = await findFlowState(ctx, "sso_ticket", ticket);
  if (!row || !(await consumeFlowState(ctx, row)) || !row.userId || !row.providerId) {
    throw new AppError("UNAUTHENTICATED", "This sign-in link has expired; sign in again", { reason: "TICKET_INVALID" });
  }
  // The ticket was issued in the user's tenant: the rest of the sign-in acts there.
  const signIn = signInCtx(ctx, row.tenantId);
  const user = await signIn.db.users.getById(row.userId);
  const provider = await signIn.db.identityProviders.getById(row.providerId);
  return finishPrimaryAuthentication(signIn, { user, provider });
}
