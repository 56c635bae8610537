import type { Client, Entry } from "ldapts";
import type { LdapProviderConfig } from "./identity-provider.schemas.js";
import { attributeValues, firstAttributeValue, firstRdnValue } from "./ldap.util.js";
import { expandNestedGroups } from "./ldap-groups.util.js";

/** How many of the users the provider would sign in are looked at: enough to see a foreign OU, bounded for big ADs. */
export const SCOPE_SAMPLE_SIZE = 100;

/** Active Directory announces itself in the root DSE (LDAP_CAP_ACTIVE_DIRECTORY_OID). */
const AD_CAPABILITY = "1.2.840.113556.1.4.800";

const NOT_PEOPLE = new Set(["group", "groupofnames", "groupofuniquenames", "computer"]);

/** The groups a tenant grants through (lower-cased names or DNs) and the mapped group DNs, for the suggested filter. */
export interface ScopeGrants {
  groups: ReadonlySet<string>;
  groupDns: string[];
}

async function isActiveDirectory(client: Client): Promise<boolean> {
  try {
    const { searchEntries } = await client.search("", {
      scope: "base",
      filter: "(objectClass=*)",
      attributes: ["supportedCapabilities"],
    });
    return searchEntries.some((entry) => attributeValues(entry, "supportedCapabilities").includes(AD_CAPABILITY));
  } catch {
    return false;
  }
}

function suggestedFilter(groupDns: string[], activeDirectory: boolean): string {
  // AD's LDAP_MATCHING_RULE_IN_CHAIN also matches members of nested groups; elsewhere memberOf is direct only.
  const clause = (dn: string) => (activeDirectory ? `(memberOf:1.2.840.113556.1.4.1941:=${dn})` : `(memberOf=${dn})`);
  if (groupDns.length === 0) return "(memberOf=<DN of one of this tenant's groups>)";
  const clauses = groupDns.slice(0, 5).map(clause);
  return clauses.length === 1 ? clauses[0] : `(|${clauses.join("")})`;
}

function isGroupOrComputer(entry: Entry): boolean {
  return attributeValues(entry, "objectClass").some((value) => NOT_PEOPLE.has(value.toLowerCase()));
}

async function firstPage(client: Client, config: LdapProviderConfig) {
  const match = `(${config.loginAttribute}=*)`;
  const filter = config.userFilter ? `(&${match}${config.userFilter})` : match;
  const pages = client.searchPaginated(config.searchBase, {
    scope: "sub",
    filter,
    attributes: [config.loginAttribute, config.groupMembershipAttribute, "objectClass"],
    paged: { pageSize: SCOPE_SAMPLE_SIZE },
  });
  // People only: in AD groups and computer accounts have a sAMAccountName too. Sorted out here, not in the filter,
  // because slapd answers a filter naming an object class it does not know with no entries at all.
  for await (const page of pages) return page.searchEntries.filter((entry) => !isGroupOrComputer(entry));
  return [];
}

/**
 * Test connection's check of the search base and user filter: of the first users they let sign in, which are in none
 * of the groups that grant anything in the tenant (another customer's OU in a shared AD, service accounts). Such
 * people are refused at sign-in; the warning says so and suggests a user filter that keeps them out of the search.
 */
export async function usersOutsideGrants(
  client: Client,
  config: LdapProviderConfig,
  grants: ScopeGrants,
): Promise<string | null> {
  const entries = await firstPage(client, config);
  const outside: string[] = [];
  for (const entry of entries) {
    const direct = attributeValues(entry, config.groupMembershipAttribute);
    const holds = (dns: string[]) =>
      dns.some(
        (dn) => grants.groups.has(dn.toLowerCase()) || grants.groups.has(firstRdnValue(dn)?.toLowerCase() ?? ""),
      );
    if (holds(direct)) continue;
    const nested = await expandNestedGroups(client, direct, {
      membershipAttribute: config.groupMembershipAttribute,
      maxDepth: config.nestedGroupDepth,
    });
    if (!holds(nested)) outside.push(firstAttributeValue(entry, config.loginAttribute) ?? entry.dn);
  }
  if (outside.length === 0) return null;
  const examples = outside.slice(0, 5).join(", ");
  const filter = suggestedFilter(grants.groupDns, await isActiveDirectory(client));
  return (
    `${outside.length} of the first ${entries.length} users under ${config.searchBase} are in none of the groups ` +
    `that grant a role or desktops in this tenant (${examples}); they are refused at sign-in. ` +
    `Narrow the search base or set a user filter such as ${filter}`
  );
}
