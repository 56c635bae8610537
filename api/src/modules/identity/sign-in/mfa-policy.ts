import type { IdentityProvider, User } from "@atrium/schema";
import type { Ctx } from "../../../context/ctx.js";
import { clientOfRequest, decideAccessAtSignIn } from "../../access/index.js";
import { settingsFor } from "../identity-settings.service.js";

/** What the tenant's rules say about this sign-in, before any second factor. */
export type SignInVerdict = { allowed: true; mfaRequired: boolean } | { allowed: false; reason: string };

/**
 * The tenant's assignment rules and locations decide the sign-in: a deny rule (or a rule that cannot be evaluated)
 * refuses it, and the deciding allow rule may require a second factor on top of the tenant-wide setting. A user no
 * rule matches still signs in — an administrator without desktops must reach the console — and is simply offered
 * nothing. MSP staff are not under tenant rules.
 */
export async function signInVerdict(ctx: Ctx, user: User, provider: IdentityProvider | null): Promise<SignInVerdict> {
  // An account that must use a second factor (new MSP staff) needs one whatever the tenant-wide setting says.
  const tenantWide = user.mfaRequired || (await settingsFor(ctx, user.tenantId)).mfaRequired;
  const outcome = await decideAccessAtSignIn(
    ctx,
    user,
    { providerId: provider?.id ?? null, groups: [] },
    clientOfRequest(ctx),
  );
  if (!outcome) return { allowed: true, mfaRequired: tenantWide };
  const { decision } = outcome;
  if (!decision.allowed && decision.reason !== "no_rule_matched") {
    return { allowed: false, reason: `access_denied: ${decision.reason}` };
  }
  return { allowed: true, mfaRequired: tenantWide || decision.mfaRequired };
}
