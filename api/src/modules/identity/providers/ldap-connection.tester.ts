import type { Client } from "ldapts";
import type { LdapProviderConfig } from "./identity-provider.schemas.js";
import { classifyLdapError, closeLdap, LdapStepError, openServiceSession } from "./ldap.connection.js";
import type { LdapConnectionTestResult, LdapDeps } from "./ldap.types.js";
import { attributeValues } from "./ldap.util.js";
import { type ScopeGrants, usersOutsideGrants } from "./ldap-scope.checker.js";

async function namingContexts(client: Client): Promise<string[]> {
  try {
    const { searchEntries } = await client.search("", {
      scope: "base",
      filter: "(objectClass=*)",
      attributes: ["namingContexts"],
    });
    return searchEntries.flatMap((entry) => attributeValues(entry, "namingContexts"));
  } catch {
    // The root DSE is informative only; some directories hide it from non-admins.
    return [];
  }
}

async function scopeWarnings(client: Client, config: LdapProviderConfig, grants: ScopeGrants): Promise<string[]> {
  try {
    const warning = await usersOutsideGrants(client, config, grants);
    return warning ? [warning] : [];
  } catch (err) {
    // The connection itself works; a directory that refuses the sample search must not fail the test.
    return [`could not sample the users under ${config.searchBase}: ${classifyLdapError(err, "").message}`];
  }
}

/**
 * The admin's "Test connection" button: reach a server, negotiate TLS, bind with the service account and read
 * the search base, reporting the first step that fails in terms an administrator can act on. With the tenant's
 * granting groups, also warns when the search base and user filter reach people outside them.
 */
export async function testLdapConnection(
  config: LdapProviderConfig,
  deps: LdapDeps = {},
  grants?: ScopeGrants,
): Promise<LdapConnectionTestResult> {
  let session: { client: Client; url: string };
  try {
    session = await openServiceSession(config, deps);
  } catch (err) {
    const failure = err instanceof LdapStepError ? err : classifyLdapError(err, config.urls.join(" "));
    const detail = failure.message;
    switch (failure.kind) {
      case "tls":
        return { ok: false, reason: "tls_failed", url: failure.url, detail };
      case "invalid_credentials":
        return { ok: false, reason: "bind_failed", url: failure.url, detail: `service account refused: ${detail}` };
      case "unreachable":
        return { ok: false, reason: "unreachable", url: failure.url, detail };
      default:
        return { ok: false, reason: "bind_failed", url: failure.url, detail };
    }
  }

  const { client, url } = session;
  try {
    const { searchEntries } = await client.search(config.searchBase, {
      scope: "base",
      filter: "(objectClass=*)",
      attributes: ["1.1"],
    });
    // With ACLs, an existing but unreadable base can come back as zero entries instead of noSuchObject.
    if (searchEntries.length === 0) {
      return { ok: false, reason: "base_not_found", url, detail: `${config.searchBase} is not visible` };
    }
    const warnings = grants ? await scopeWarnings(client, config, grants) : [];
    return { ok: true, url, namingContexts: await namingContexts(client), warnings };
  } catch (err) {
    const failure = classifyLdapError(err, url);
    if (failure.kind === "no_such_object") {
      return { ok: false, reason: "base_not_found", url, detail: `${config.searchBase} does not exist` };
    }
    return { ok: false, reason: failure.kind === "tls" ? "tls_failed" : "unreachable", url, detail: failure.message };
  } finally {
    await closeLdap(client);
  }
}
