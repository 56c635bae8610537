import {
  AccountLinkRule,
  ExternalIdentityLink,
  type IdentityProvider,
  type User,
  type UserSource,
} from "@atrium/schema";
import type { TenantDb } from "../../db/index.js";

/** The prefix under which the upgrade linked LDAP accounts by DN, until the next sign-in brings the real id. */
export const LEGACY_DN_PREFIX = "legacy-dn:";

/** Who the provider says signed in: its immutable subject, and what accounts made before external identities kept. */
export interface AssertedSubject {
  username: string;
  subject: string;
  /** What a just-in-time account recorded before external identities (LDAP DN, SAML NameID, OIDC issuer|sub). */
  legacyId: string;
  email?: string | null;
}

/**
 * The account a sign-in belongs to. `home` is true when the provider is the account's own (it made the account):
 * only the home provider refreshes the account's name, roles and groups, so a provider linked later never
 * overwrites what the account's own directory grants.
 */
export type AccountMatch =
  | { kind: "linked"; user: User; home: boolean }
  | { kind: "new" }
  | { kind: "conflict"; reason: string };

const HOME_LINKS: ReadonlySet<string> = new Set([ExternalIdentityLink.SIGN_IN, ExternalIdentityLink.LEGACY]);

async function byLink(db: TenantDb, provider: IdentityProvider, subject: string): Promise<AccountMatch | null> {
  const link = await db.externalIdentities.findOne({ providerId: provider.id, subject });
  if (!link) return null;
  // Locked: two sign-ins of one person at once (two tabs, two devices) refresh the account one after the other,
  // instead of both replacing the same memberships and roles and one failing on a duplicate.
  const user = await db.users.findOne({ id: link.userId }, { lock: { mode: "pessimistic_write" } });
  // A link whose account was deleted is stale: the person gets a new account, as if never seen.
  if (!user) {
    await db.externalIdentities.delete({ id: link.id });
    return null;
  }
  return { kind: "linked", user, home: HOME_LINKS.has(link.linkedBy) };
}

/**
 * Accounts from before external identities: the upgrade's DN placeholder, or (where the upgrade could not tell
 * which provider made the account) an account of the same name and source that recorded exactly this DN/NameID
 * and has no link yet.
 */
async function byLegacyRecord(
  db: TenantDb,
  provider: IdentityProvider,
  source: UserSource,
  asserted: AssertedSubject,
): Promise<AccountMatch | null> {
  const placeholder = await db.externalIdentities.findOne({
    providerId: provider.id,
    subject: `${LEGACY_DN_PREFIX}${asserted.legacyId}`.slice(0, 512),
  });
  if (placeholder) {
    await db.externalIdentities.update(placeholder.id, { subject: asserted.subject });
    return byLink(db, provider, asserted.subject);
  }
  const user = await db.users.findOne({ username: asserted.username, source, externalId: asserted.legacyId });
  if (!user || (await db.externalIdentities.exists({ userId: user.id }))) return null;
  await link(db, provider, asserted.subject, user, ExternalIdentityLink.LEGACY);
  return { kind: "linked", user, home: true };
}

/** The provider's account link rule, the only way a new subject joins an account that exists already. */
async function byRule(db: TenantDb, provider: IdentityProvider, asserted: AssertedSubject): Promise<AccountMatch> {
  const rule = provider.accountLinkRule;
  const email = asserted.email?.trim();
  const candidates =
    rule === AccountLinkRule.SAME_EMAIL && email
      ? await db.users.find({ where: { email }, take: 2 })
      : rule === AccountLinkRule.SAME_USERNAME
        ? await db.users.find({ where: { username: asserted.username }, take: 2 })
        : [];
  if (candidates.length === 0) return { kind: "new" };
  const [user] = candidates;
  if (candidates.length > 1 || !user) {
    return { kind: "conflict", reason: `identity_conflict: ${rule} matches more than one account` };
  }
  if (await db.externalIdentities.exists({ userId: user.id, providerId: provider.id })) {
    return {
      kind: "conflict",
      reason: `identity_conflict: ${user.username} is linked to another person of this provider`,
    };
  }
  await link(db, provider, asserted.subject, user, ExternalIdentityLink.RULE);
  return { kind: "linked", user, home: false };
}

export async function link(
  db: TenantDb,
  provider: IdentityProvider,
  subject: string,
  user: User,
  linkedBy: ExternalIdentityLink,
): Promise<void> {
  await db.externalIdentities.insert({
    providerId: provider.id,
    subject: subject.slice(0, 512),
    userId: user.id,
    linkedBy,
  });
}

/**
 * Finds the account of a sign-in by (provider, subject), never by user name alone: a namesake in a second directory
 * gets an account of their own, and a login name that changes (a rename, another login attribute) keeps the account.
 */
export async function matchAccount(
  db: TenantDb,
  provider: IdentityProvider,
  source: UserSource,
  asserted: AssertedSubject,
): Promise<AccountMatch> {
  return (
    (await byLink(db, provider, asserted.subject)) ??
    (await byLegacyRecord(db, provider, source, asserted)) ??
    (await byRule(db, provider, asserted))
  );
}

/** A user name for a new account: the asserted one, or when another account has it, one naming the provider too. */
export async function freeUsername(db: TenantDb, provider: IdentityProvider, wanted: string): Promise<string> {
  const base = wanted.trim().slice(0, 200);
  const candidates = [base, `${base} (${provider.name})`];
  for (let n = 2; n < 20; n++) candidates.push(`${base} (${provider.name} ${n})`);
  for (const candidate of candidates) {
    const name = candidate.slice(0, 255);
    if (!(await db.users.exists({ username: name }))) return name;
  }
  return `${base} (${provider.id})`;
}
