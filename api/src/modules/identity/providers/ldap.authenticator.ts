import { type Client, type Entry, SizeLimitExceededError } from "ldapts";
import { adBindFailureReason } from "./ad-bind-codes.js";
import type { LdapProviderConfig } from "./identity-provider.schemas.js";
import { bindLdap, classifyLdapError, closeLdap, connectLdap, openServiceSession } from "./ldap.connection.js";
import type { LdapAuthResult, LdapDeps, LdapUser } from "./ldap.types.js";
import { attributeValues, escapeFilterValue, firstAttributeValue, firstRdnValue, normaliseDn } from "./ldap.util.js";
import { expandNestedGroups } from "./ldap-groups.util.js";
import { binaryIdAttributes, idAttributesOf, subjectOf } from "./ldap-subject.js";

/** userAccountControl flag ACCOUNTDISABLE (0x2) of Active Directory. */
const UAC_ACCOUNT_DISABLED = 0x2;

function userSearchFilter(config: LdapProviderConfig, username: string): string {
  const match = `(${config.loginAttribute}=${escapeFilterValue(username)})`;
  return config.userFilter ? `(&${match}${config.userFilter})` : match;
}

function requestedAttributes(config: LdapProviderConfig): string[] {
  const names = [
    config.loginAttribute,
    config.emailAttribute,
    config.displayNameAttribute,
    config.groupMembershipAttribute,
    "cn",
    "userAccountControl",
    ...config.extraAttributes,
  ];
  return [...new Set(names)];
}

/** Finds the one entry for the login name. Throws "ambiguous" when the filter matches more than one account. */
async function findUser(client: Client, config: LdapProviderConfig, username: string): Promise<Entry | undefined> {
  try {
    const { searchEntries } = await client.search(config.searchBase, {
      scope: "sub",
      filter: userSearchFilter(config, username),
      attributes: [...requestedAttributes(config), ...idAttributesOf(config)],
      explicitBufferAttributes: binaryIdAttributes(config),
      // Two is enough to detect ambiguity without reading a whole directory.
      sizeLimit: 2,
    });
    if (searchEntries.length > 1) throw new AmbiguousUserError(username);
    return searchEntries[0];
  } catch (err) {
    if (err instanceof SizeLimitExceededError) throw new AmbiguousUserError(username);
    throw err;
  }
}

class AmbiguousUserError extends Error {
  constructor(username: string) {
    super(`more than one directory entry matches the login name "${username}"`);
    this.name = "AmbiguousUserError";
  }
}

function isUnder(dn: string, base: string | undefined): boolean {
  if (!base) return true;
  const child = normaliseDn(dn);
  const parent = normaliseDn(base);
  return child === parent || child.endsWith(`,${parent}`);
}

function isDisabled(entry: Entry): boolean {
  const raw = firstAttributeValue(entry, "userAccountControl");
  if (raw === undefined) return false;
  const flags = Number.parseInt(raw, 10);
  return Number.isFinite(flags) && (flags & UAC_ACCOUNT_DISABLED) !== 0;
}

function toUser(
  config: LdapProviderConfig,
  entry: Entry,
  subject: string,
  typedName: string,
  groupDns: string[],
): LdapUser {
  const attributes: Record<string, string[]> = {};
  for (const name of requestedAttributes(config)) {
    if (name === config.groupMembershipAttribute) continue;
    const values = attributeValues(entry, name);
    if (values.length > 0) attributes[name] = values;
  }
  const groupNames = groupDns.map(firstRdnValue).filter((cn): cn is string => cn !== undefined);
  return {
    dn: entry.dn,
    subject,
    username: firstAttributeValue(entry, config.loginAttribute) ?? typedName,
    email: firstAttributeValue(entry, config.emailAttribute),
    displayName: firstAttributeValue(entry, config.displayNameAttribute) ?? firstAttributeValue(entry, "cn"),
    groups: [...new Set([...groupDns, ...groupNames])],
    groupDns,
    attributes,
  };
}

/** Binds as the user on a fresh connection to the URL that answered, so the service session keeps its rights. */
async function verifyPassword(
  config: LdapProviderConfig,
  url: string,
  dn: string,
  password: string,
  deps: LdapDeps,
): Promise<void> {
  const client = await connectLdap(config, url, deps);
  try {
    await bindLdap(client, url, dn, password);
  } finally {
    await closeLdap(client);
  }
}

/**
 * Authenticates a user against a directory: service bind → search by login attribute → bind as the user →
 * disabled check → groups (direct and nested). Fails closed: every unexpected error is a failure result.
 */
export async function authenticateLdap(
  config: LdapProviderConfig,
  username: string,
  password: string,
  deps: LdapDeps = {},
): Promise<LdapAuthResult> {
  const login = username.trim();
  // An empty password would be an "unauthenticated bind" (RFC 4513 §5.1.2), which many servers accept as success.
  if (password.length === 0) return { ok: false, reason: "invalid_credentials", detail: "empty password" };
  if (login.length === 0) return { ok: false, reason: "user_not_found", detail: "empty login name" };
  // AD compares filter values as C strings: "alice\0" (escaped \00) finds alice. No login name has control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (/[\u0000-\u001f\u007f]/.test(login)) {
    return { ok: false, reason: "user_not_found", detail: "control character in the login name" };
  }

  let session: { client: Client; url: string };
  try {
    session = await openServiceSession(config, deps);
  } catch (err) {
    const failure = classifyLdapError(err, config.urls.join(" "));
    const reason = failure.kind === "unreachable" || failure.kind === "tls" ? "server_unreachable" : "misconfigured";
    return { ok: false, reason, detail: `service bind: ${failure.message}` };
  }

  const { client, url } = session;
  try {
    let entry: Entry | undefined;
    try {
      entry = await findUser(client, config, login);
    } catch (err) {
      if (err instanceof AmbiguousUserError) return { ok: false, reason: "misconfigured", detail: err.message };
      const failure = classifyLdapError(err, url);
      const reason = failure.kind === "unreachable" ? "server_unreachable" : "misconfigured";
      return { ok: false, reason, detail: `user search: ${failure.message}` };
    }
    if (!entry) return { ok: false, reason: "user_not_found", detail: `no entry for "${login}" under the search base` };

    try {
      await verifyPassword(config, url, entry.dn, password, deps);
    } catch (err) {
      const failure = classifyLdapError(err, url);
      if (failure.kind === "invalid_credentials") {
        // AD says why in a sub-code (disabled, expired, must change, locked); slapd only "invalid credentials".
        const reason = adBindFailureReason(failure.message) ?? "invalid_credentials";
        return { ok: false, reason, detail: `bind refused for ${entry.dn}: ${failure.message}` };
      }
      const reason = failure.kind === "unreachable" || failure.kind === "tls" ? "server_unreachable" : "misconfigured";
      return { ok: false, reason, detail: `user bind: ${failure.message}` };
    }

    // Checked only after the password proved right, so the answer "disabled" is no oracle for password guessers.
    // slapd does not enforce the AD flag; Active Directory would already have refused the bind.
    if (isDisabled(entry)) return { ok: false, reason: "account_disabled", detail: `${entry.dn} is disabled` };

    // Accounts are found by this id: without it a sign-in cannot be told apart from a namesake's, so it fails closed.
    const subject = subjectOf(config, entry);
    if (!subject) {
      const names = idAttributesOf(config).join(" or ");
      return {
        ok: false,
        reason: "misconfigured",
        detail: `${entry.dn} has no ${names}: set the provider's idAttribute`,
      };
    }

    const directGroups = attributeValues(entry, config.groupMembershipAttribute);
    const allGroupDns = await expandNestedGroups(client, directGroups, {
      membershipAttribute: config.groupMembershipAttribute,
      maxDepth: config.nestedGroupDepth,
    });
    // Filtered after the walk: a group outside the base can still make its members members of one inside.
    const groupDns = allGroupDns.filter((dn) => isUnder(dn, config.groupSearchBase));
    return { ok: true, user: toUser(config, entry, subject, login, groupDns), url };
  } catch (err) {
    const failure = classifyLdapError(err, url);
    return { ok: false, reason: "server_unreachable", detail: failure.message };
  } finally {
    await closeLdap(client);
  }
}
