import type { IdentityProvider, LoginMfa, LoginProviderKind, User } from "@atrium/schema";
import { signInCtx } from "../../../context/build-ctx.js";
import type { Ctx } from "../../../context/ctx.js";
import { AppError } from "../../../errors/app-error.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { recordLoginEvent } from "../../audit/login-events.service.js";
import { startSession } from "../../sessions/sessions.service.js";
import type { AuthPayload } from "../../sessions/sessions.types.js";
import type { MfaChallengeType } from "./sign-in.types.js";

export type SignInOutcome = { kind: "session"; payload: AuthPayload } | { kind: "mfa"; challenge: MfaChallengeType };

/** Who proved their first factor, through which provider (null = the local store). */
export interface PrimaryAuthentication {
  user: User;
  provider: IdentityProvider | null;
  /** The typed password, only for a RADIUS second factor that checks it again (the Duo/Okta proxy pattern). */
  password?: string;
}

// One message for every failure, so sign-in never reveals whether a user or tenant exists.
export const invalidCredentials = () => new AppError("UNAUTHENTICATED", "Invalid username or password");

export const providerKindOf = (provider: IdentityProvider | null): LoginProviderKind => provider?.kind ?? "local";

export function outcomeToResult(outcome: SignInOutcome): AuthPayload | MfaChallengeType {
  return outcome.kind === "session" ? outcome.payload : outcome.challenge;
}

export async function completeSignIn(
  ctx: Ctx,
  user: User,
  provider: IdentityProvider | null,
  mfa: LoginMfa,
): Promise<AuthPayload> {
  // Re-read: the account may have been disabled between the first factor and now.
  const current = await signInCtx(ctx, user.tenantId).db.users.findOne({ id: user.id });
  if (!current || current.disabled) {
    await failSignIn(ctx, {
      tenantId: user.tenantId,
      userId: user.id,
      username: user.username,
      provider,
      mfa,
      reason: "account_disabled",
    });
    throw invalidCredentials();
  }
  const payload = await startSession(ctx, current, providerKindOf(provider));
  await recordLoginEvent(ctx, {
    tenantId: current.tenantId,
    userId: current.id,
    username: current.username,
    providerId: provider?.id ?? null,
    providerKind: providerKindOf(provider),
    mfa,
    outcome: "success",
  });
  return payload;
}

export interface FailedAttempt {
  tenantId: string | null;
  userId?: string | null;
  username: string;
  provider: IdentityProvider | null;
  providerKind?: LoginProviderKind;
  mfa?: LoginMfa;
  reason: string;
}

/** The LoginEvent and the audit trail of a failed attempt (the caller throws the one generic error). */
export async function failSignIn(ctx: Ctx, attempt: FailedAttempt): Promise<void> {
  await recordLoginEvent(ctx, {
    tenantId: attempt.tenantId,
    userId: attempt.userId ?? null,
    username: attempt.username,
    providerId: attempt.provider?.id ?? null,
    providerKind: attempt.providerKind ?? providerKindOf(attempt.provider),
    mfa: attempt.mfa ?? "none",
    outcome: "failure",
    reason: attempt.reason,
  });
  await recordAudit(ctx, {
    action: "signIn.failed",
    tenantId: attempt.tenantId,
    // The name typed, as typed: an investigation of failed sign-ins searches by it.
    actor: { type: "user", id: attempt.userId ?? null, name: attempt.username.slice(0, 255) },
    targetType: "User",
    targetId: attempt.userId ?? null,
    after: { username: attempt.username, clientIp: ctx.clientIp, mfa: attempt.mfa ?? "none" },
  });
}
