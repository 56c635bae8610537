import { AccessProfile, type User } from "@atrium/schema";
import type { EntityManager } from "typeorm";
import type { ClientContext } from "../evaluator/location-matcher.js";
import { type AccessOutcome, decideWith, loadAccessInputs, type SignInSubject } from "./access-decision.service.js";

/** The part of a request context sign-in has at hand (works with a RequestContext or a transaction's copy). */
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
  const tenantId = user.tenantId;
  if (!tenantId) return null;
  const inputs = await loadAccessInputs(ctx.manager, tenantId, user, subject);
  const profiles = ctx.manager.getRepository(AccessProfile);
  const existing = await profiles.findOne({ where: { tenantId, userId: user.id } });
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
  if (existing) await profiles.update({ id: existing.id, tenantId }, facts);
  else await profiles.insert({ tenantId, userId: user.id, ...facts });
  return decideWith(ctx.manager, inputs, client, ctx.services.clock());
}
