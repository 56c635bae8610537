import {
  AccessProfile,
  AssignmentRule,
  Group,
  GroupMembership,
  type Location as LocationEntity,
  Policy,
  User,
} from "@atrium/schema";
import { type EntityManager, In, IsNull } from "typeorm";
import { isUuid } from "../../../tenancy/tenant-scope.js";
import { evaluateAccess } from "../evaluator/access.evaluator.js";
import type { AccessDecision } from "../evaluator/access-decision.types.js";
import type { ClientContext } from "../evaluator/location-matcher.js";
import type { AccessSubject } from "../evaluator/subject-matcher.js";
import { toEvaluatorLocation, visibleLocations } from "./location-rows.js";

/** Everything the evaluator needs about one user, loaded once; `decide` can then be re-run for other clients. */
export interface UserAccessInputs {
  user: User;
  providerId: string | null;
  subject: AccessSubject;
  rules: AssignmentRule[];
  locations: LocationEntity[];
}

export interface AccessOutcome {
  decision: AccessDecision;
  /** The policy named by the deciding allow rule, when it still exists in the tenant. */
  policy: Policy | null;
  inputs: UserAccessInputs;
  /** False when the tenant has no assignment rule at all (every decision is then "no rule matched"). */
  rulesConfigured: boolean;
}

/** What the identity provider said at sign-in; offer/connect reuse it (directories are asked only at sign-in). */
export interface SignInSubject {
  providerId: string | null;
  groups: readonly string[];
  attributes?: Readonly<Record<string, string | readonly string[]>>;
}

async function localGroupNames(manager: EntityManager, tenantId: string, userId: string): Promise<string[]> {
  const memberships = await manager.getRepository(GroupMembership).find({ where: { tenantId, userId } });
  if (memberships.length === 0) return [];
  const groups = await manager
    .getRepository(Group)
    .find({ where: { tenantId, id: In(memberships.map((m) => m.groupId)) } });
  return groups.map((group) => group.name);
}

/** Rules of the provider that authenticated the user, plus the tenant-wide ones (null provider). */
async function rulesFor(manager: EntityManager, tenantId: string, providerId: string | null) {
  const repository = manager.getRepository(AssignmentRule);
  return repository.find({
    where: providerId
      ? [
          { tenantId, identityProviderId: IsNull() },
          { tenantId, identityProviderId: providerId },
        ]
      : { tenantId, identityProviderId: IsNull() },
  });
}

/**
 * Loads the subject (stored sign-in profile merged with local group memberships), the rules and the locations of a
 * tenant user. `signIn` overrides the stored profile with what the identity provider just said.
 */
export async function loadAccessInputs(
  manager: EntityManager,
  tenantId: string,
  user: User,
  signIn?: SignInSubject,
): Promise<UserAccessInputs> {
  const profile = signIn
    ? null
    : await manager.getRepository(AccessProfile).findOne({ where: { tenantId, userId: user.id } });
  const providerId = signIn ? signIn.providerId : (profile?.identityProviderId ?? null);
  const external = signIn ? [...signIn.groups] : (profile?.groups ?? []);
  const groups = [...new Set([...external, ...(await localGroupNames(manager, tenantId, user.id))])];
  const attributes: Record<string, string | readonly string[]> = {
    ...(signIn ? (signIn.attributes ?? {}) : (profile?.attributes ?? {})),
    username: user.username,
    ...(user.email ? { email: user.email } : {}),
  };
  const rules = await rulesFor(manager, tenantId, providerId);
  const { locations } = await visibleLocations(manager, tenantId);
  return { user, providerId, subject: { groups, attributes }, rules, locations };
}

/** Pure re-evaluation for a client and an instant; the policy is looked up inside the tenant only. */
export async function decideWith(
  manager: EntityManager,
  inputs: UserAccessInputs,
  client: ClientContext,
  now: Date,
): Promise<AccessOutcome> {
  const decision = evaluateAccess({
    rules: inputs.rules,
    locations: inputs.locations.map(toEvaluatorLocation),
    subject: inputs.subject,
    client,
    now,
  });
  const tenantId = inputs.user.tenantId;
  const policy =
    decision.allowed && decision.policyId && tenantId && isUuid(decision.policyId)
      ? await manager.getRepository(Policy).findOne({ where: { tenantId, id: decision.policyId } })
      : null;
  return { decision, policy, inputs, rulesConfigured: inputs.rules.length > 0 };
}

export async function decideForUser(
  manager: EntityManager,
  tenantId: string,
  user: User,
  client: ClientContext,
  now: Date,
): Promise<AccessOutcome> {
  return decideWith(manager, await loadAccessInputs(manager, tenantId, user), client, now);
}

/** Loads a user of the tenant by id (null when it is not one). */
export function findTenantUser(manager: EntityManager, tenantId: string, userId: string): Promise<User | null> {
  return isUuid(userId)
    ? manager.getRepository(User).findOne({ where: { tenantId, id: userId } })
    : Promise.resolve(null);
}
