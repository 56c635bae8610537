import type { Ctx } from "../../../context/ctx.js";
import { AppError } from "../../../errors/app-error.js";
import { createMfaChallenge } from "./mfa-challenge.service.js";
import { signInVerdict } from "./mfa-policy.js";
import {
  completeSignIn,
  failSignIn,
  type PrimaryAuthentication,
  type SignInOutcome,
} from "./sign-in-finish.service.js";
import { hasTotp, mfaOf } from "./totp-enrolment.service.js";

// The password was right, so saying why is no oracle; the rules' own detail stays in the LoginEvent and the audit.
const accessDeniedHere = () =>
  new AppError("FORBIDDEN", "Sign-in is not allowed from this location", { reason: "ACCESS_DENIED" });

/**
 * Refused when the tenant's rules deny this user here; a second factor when a rule, the tenant or the user's own
 * enrolment asks for one; otherwise the session right away.
 */
export async function finishPrimaryAuthentication(ctx: Ctx, auth: PrimaryAuthentication): Promise<SignInOutcome> {
  const verdict = await signInVerdict(ctx, auth.user, auth.provider);
  if (!verdict.allowed) {
    await failSignIn(ctx, {
      tenantId: auth.user.tenantId,
      userId: auth.user.id,
      username: auth.user.username,
      provider: auth.provider,
      reason: verdict.reason,
    });
    throw accessDeniedHere();
  }
  if (verdict.mfaRequired || hasTotp(await mfaOf(ctx, auth.user))) return createMfaChallenge(ctx, auth);
  return { kind: "session", payload: await completeSignIn(ctx, auth.user, auth.provider, "none") };
}
