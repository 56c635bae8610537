import type { AssignmentRule, Location as LocationEntity, Policy, User } from "@atrium/schema";
import { In, IsNull } from "typeorm";
import { isUuid, type OneTenantDb } from "../../../db/index.js";
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

async function localGroupNames(db: OneTenantDb, userId: string): Promise<string[]> {
  const memberships = await db.groupMemberships.find({ where: { userId } });
  if (memberships.length === 0) return [];
  const groups = await db.groups.find({ where: { id: In(memberships.map((m) => m.groupId)) } });
  return groups.map((group) => group.name);
}

/** Rules of the provider that authenticated the user, plus the tenant-wide ones (null provider). */
function rulesFor(db: OneTenantDb, providerId: string | null): Promise<AssignmentRule[]> {
  return db.assignmentRules.find({
    where: providerId
      ? [{ identityProviderId: IsNull() }, { identityProviderId: providerId }]
      : { identityProviderId: IsNull() },
  });
}

/**
 * Loads the subject (stored sign-in profile merged with local group memberships), the rules and the locations of a
 * tenant user. `signIn` overrides the stored profile with what the identity provider just said.
 */
export async function loadAccessInputs(db: OneTenantDb, user: User, signIn?: SignInSubject): Promise<UserAccessInputs> {
  const profile = signIn ? null : await db.accessProfiles.findOne({ userId: user.id });
  const providerId = signIn ? signIn.providerId : (profile?.identityProviderId ?? null);
  const external = signIn ? [...signIn.groups] : (profile?.groups ?? []);
  const groups = [...new Set([...external, ...(await localGroupNames(db, user.id))])];
  const attributes: Record<string, string | readonly string[]> = {
    ...(signIn ? (signIn.attributes ?? {}) : (profile?.attributes ?? {})),
    username: user.username,
    ...(user.email ? { email: user.email } : {}),
  };
  const rules = await rulesFor(db, providerId);
  const { locations } = await visibleLocations(db);
  return { user, providerId, subject: { groups, attributes }, rules, locations };
}

/** Pure re-evaluation for a client and an instant; the policy is looked up inside the tenant only. */
export async function decideWith(
  db: OneTenantDb,
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
  const policy =
    decision.allowed && decision.policyId && isUuid(decision.policyId)
      ? await db.policies.findOne({ id: decision.policyId })
      : null;
  return { decision, policy, inputs, rulesConfigured: inputs.rules.length > 0 };
}

export async function decideForUser(
  db: OneTenantDb,
  user: User,
  client: ClientContext,
  now: Date,
): Promise<AccessOutcome> {
  return decideWith(db, await loadAccessInputs(db, user), client, now);
}

/** Loads a user of the tenant by id (null when it is not one). */
export function findTenantUser(db: OneTenantDb, userId: string): Promise<User | null> {
  return isUuid(userId) ? db.users.findOne({ id: userId }) : Promise.resolve(null);
}
