import type { Client } from "ldapts";
import { attributeValues, normaliseDn } from "./ldap.util.js";

export interface GroupWalkOptions {
  membershipAttribute: string;
  /** Levels of nesting to follow above the direct groups (0 = direct groups only). */
  maxDepth: number;
  /** Hard stop for pathological directories: a user in thousands of groups must not stall sign-in. */
  maxGroups?: number;
}

/**
 * Expands a user's direct group DNs with the groups those groups belong to, breadth-first, reading each group's
 * membership attribute with a base search. Cycle-safe (each DN is visited once, compared case-insensitively) and
 * bounded by depth and count. Groups the service account cannot read are kept but not expanded.
 */
export async function expandNestedGroups(
  client: Client,
  directGroupDns: string[],
  options: GroupWalkOptions,
): Promise<string[]> {
  const maxGroups = options.maxGroups ?? 500;
  const seen = new Map<string, string>();
  let frontier: string[] = [];
  for (const dn of directGroupDns) {
    const key = normaliseDn(dn);
    if (!seen.has(key) && seen.size < maxGroups) {
      seen.set(key, dn);
      frontier.push(dn);
    }
  }

  for (let depth = 0; depth < options.maxDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const groupDn of frontier) {
      let parents: string[];
      try {
        const { searchEntries } = await client.search(groupDn, {
          scope: "base",
          filter: "(objectClass=*)",
          attributes: [options.membershipAttribute],
        });
        parents = searchEntries.flatMap((entry) => attributeValues(entry, options.membershipAttribute));
      } catch {
        // Unreadable or vanished group: it still counts as a membership, we just cannot look above it.
        parents = [];
      }
      for (const parent of parents) {
        const key = normaliseDn(parent);
        if (seen.has(key) || seen.size >= maxGroups) continue;
        seen.set(key, parent);
        next.push(parent);
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}
