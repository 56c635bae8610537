import type { User } from "@atrium/schema";
import type { RequestContext } from "../../../context/request-context.js";
import { settingsFor } from "../identity-settings.service.js";

/** Where the sign-in comes from; the access evaluator can use the address and the provider for location rules. */
export interface SignInClient {
  ip: string;
  providerKind: string;
}

/**
 * Whether this sign-in needs a second factor. For now a per-tenant setting; the access module (assignment
 * rules and locations) will replace this one function. Users who enrolled a factor are asked regardless: see
 * `needsSecondFactor`.
 */
export async function isMfaRequired(ctx: RequestContext, user: User, _client: SignInClient): Promise<boolean> {
  return (await settingsFor(ctx, user.tenantId)).mfaRequired;
}
