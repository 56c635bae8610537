import type { User } from "@atrium/schema";
import type { EntityManager } from "typeorm";
import { isUniqueViolation, tenantDb } from "../../../db/index.js";
import type { ClientContext } from "../evaluator/location-matcher.js";
import { type AccessOutcome, decideWith, loadAccessInputs, type SignInSubject } from "./access-decision.service.js";

/** The part of a request context sign-in has at hand (works with a Ctx or a transaction's copy). */
export interface SignInAccessContext {
  manager: EntityManager;
  services: { clock: () => Date };
}

/**
 * For the sign-in flow: runs the tenant's assignment rules for a user the identity provider just authenticated, at
 * this client and now, and remembers what the provider said (groups, attributes, which provider) so that offer,
 * connect and the gateway decide with the same facts. Returns null for MSP staff, who are not under tenant rules.
 *
 * The caller decides what a denial means for the sign-in (refuse it, or require MFA per `decision.mfaRequired`);
 * `rulesConfigured` tells a tenant that has not written any rule yet apart from one whose rules deny.
 */
export async function decideAccessAtSignIn(
  ctx: SignInAccessContext,
  user: User,
  subject: SignInSubject,
  client: ClientContext,
): Promise<AccessOutcome | null> {
  if (!user.tenantId) return null;
  // Sign-in has no tenant context yet: the door is the authenticated user's tenant.
  const db = tenantDb(ctx.manager, user.tenantId).requireTenant();
  const inputs = await loadAccessInputs(db, user, subject);
  const profiles = db.accessProfiles;
  const existing = await profiles.findOne({ userId: user.id });
  const facts = {
    identityProviderId: subject.providerId,
    groups: [...subject.groups].slice(0, 1000),
    attributes: Object.fromEntries(
      Object.entries(subject.attributes ?? {}).map(([key, value]) => [
        key,
        typeof value === "string" ? value : [...value],
      ]),
    ),
  };
  if (existing) await profiles.updateWhere({ id: existing.id }, facts);
  else {
    try {
      await profiles.insertMany([{ userId: user.id, ...facts }]);
    } catch (error) {
      // Two first sign-ins of one person at once: the other one wrote the profile a moment ago.
      if (!isUniqueViolation(error)) throw error;
      await profiles.updateWhere({ userId: user.id }, facts);
    }
  }
  return decideWith(db, inputs, client, ctx.services.clock());
}
