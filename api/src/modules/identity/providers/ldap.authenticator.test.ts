import { Client, type ClientOptions } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LdapProviderConfigInput, ldapProviderConfigSchema } from "./identity-provider.schemas.js";
import { authenticateLdap } from "./ldap.authenticator.js";
import { LDAP_TEST_DIRECTORY, leaseLdapServer, type ServerLease, unusedTcpPort } from "./test-servers.js";

const { acme, globex } = LDAP_TEST_DIRECTORY.tenants;

function acmeConfig(overrides: Partial<LdapProviderConfigInput> = {}) {
  return ldapProviderConfigSchema.parse({
    urls: [LDAP_TEST_DIRECTORY.url],
    bindDn: acme.bindDn,
    bindPassword: acme.bindPassword,
    searchBase: acme.searchBase,
    ...overrides,
  });
}

let lease: ServerLease;
beforeAll(async () => {
  lease = await leaseLdapServer();
});
afterAll(async () => {
  await lease?.release();
});

describe("authenticateLdap against slapd", () => {
  it("accepts the right password and returns profile and groups", async () => {
    const result = await authenticateLdap(acmeConfig(), "alice", acme.users.alice.password);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user.dn).toBe(acme.users.alice.dn);
    expect(result.user.username).toBe("alice");
    expect(result.user.email).toBe("alice@acme.test");
    expect(result.user.displayName).toBe("Alice Anders");
    expect(result.user.groupDns.sort()).toEqual([acme.groups.desktopAdmins, acme.groups.desktopUsers].sort());
    expect(result.user.groups).toEqual(expect.arrayContaining(["desktop-users", "desktop-admins"]));
    expect(result.user.attributes.userAccountControl).toEqual(["512"]);
    expect(result.user.attributes).not.toHaveProperty("userPassword");
    expect(result.url).toBe(LDAP_TEST_DIRECTORY.url);
  });

  it("rejects a wrong password", async () => {
    const result = await authenticateLdap(acmeConfig(), "alice", "Alice-Pass-2");
    expect(result).toMatchObject({ ok: false, reason: "invalid_credentials" });
  });

  it("rejects an empty password without binding at all (unauthenticated-bind trap)", async () => {
    const created: string[] = [];
    const deps = {
      createClient: (options: ClientOptions) => {
        created.push(options.url);
        return new Client(options);
      },
    };
    const result = await authenticateLdap(acmeConfig(), "alice", "", deps);
    expect(result).toMatchObject({ ok: false, reason: "invalid_credentials" });
    expect(created).toEqual([]);
  });

  it("reports an unknown user as user_not_found", async () => {
    const result = await authenticateLdap(acmeConfig(), "mallory", "whatever");
    expect(result).toMatchObject({ ok: false, reason: "user_not_found" });
  });

  it("reports a disabled AD account only once the password is proven right", async () => {
    const right = await authenticateLdap(acmeConfig(), "oscar", acme.users.oscar.password);
    expect(right).toMatchObject({ ok: false, reason: "account_disabled" });
    const wrong = await authenticateLdap(acmeConfig(), "oscar", "not-his-password");
    expect(wrong).toMatchObject({ ok: false, reason: "invalid_credentials" });
  });

  it("follows nested groups (carol is in helpdesk, helpdesk is in desktop-users)", async () => {
    const nested = await authenticateLdap(acmeConfig(), "carol", acme.users.carol.password);
    expect(nested.ok && nested.user.groupDns.sort()).toEqual([acme.groups.desktopUsers, acme.groups.helpdesk].sort());
    expect(nested.ok && nested.user.groups).toEqual(expect.arrayContaining(["helpdesk", "desktop-users"]));

    const directOnly = await authenticateLdap(acmeConfig({ nestedGroupDepth: 0 }), "carol", acme.users.carol.password);
    expect(directOnly.ok && directOnly.user.groupDns).toEqual([acme.groups.helpdesk]);
  });

  it("stops on group cycles", async () => {
    const config = acmeConfig({
      bindDn: globex.bindDn,
      bindPassword: globex.bindPassword,
      searchBase: globex.searchBase,
    });
    const result = await authenticateLdap(config, "erin", globex.users.erin.password);
    expect(result.ok && result.user.groupDns.sort()).toEqual(
      [globex.groups.desktopUsers, globex.groups.ringA, globex.groups.ringB].sort(),
    );
  });

  it("keeps tenants apart: acme's provider never finds globex users", async () => {
    const own = await authenticateLdap(acmeConfig(), "dave", globex.users.dave.password);
    expect(own).toMatchObject({ ok: false, reason: "user_not_found" });
    // Even a search base spanning both tenants only shows acme's entries to acme's service account.
    const wide = await authenticateLdap(
      acmeConfig({ searchBase: LDAP_TEST_DIRECTORY.baseDn }),
      "dave",
      globex.users.dave.password,
    );
    expect(wide).toMatchObject({ ok: false, reason: "user_not_found" });
    const globexProvider = acmeConfig({
      bindDn: globex.bindDn,
      bindPassword: globex.bindPassword,
      searchBase: globex.searchBase,
    });
    expect(await authenticateLdap(globexProvider, "dave", globex.users.dave.password)).toMatchObject({ ok: true });
  });

  it("treats filter metacharacters in the login name literally (LDAP injection)", async () => {
    for (const attempt of ["*)(uid=*", "*", "alice)(|(uid=*", "al*", "alice\\2a", "alice\u0000"]) {
      const result = await authenticateLdap(acmeConfig(), attempt, acme.users.alice.password);
      expect(result, attempt).toMatchObject({ ok: false, reason: "user_not_found" });
    }
  });

  it("signs in by sAMAccountName or userPrincipalName and applies the extra user filter", async () => {
    const sam = await authenticateLdap(acmeConfig({ loginAttribute: "sAMAccountName" }), "bob", "Bob-Pass-1");
    expect(sam).toMatchObject({ ok: true, user: { username: "bob" } });
    const upn = await authenticateLdap(
      acmeConfig({ loginAttribute: "userPrincipalName" }),
      "bob@acme.test",
      "Bob-Pass-1",
    );
    expect(upn).toMatchObject({ ok: true, user: { dn: acme.users.bob.dn } });

    const adminsOnly = acmeConfig({ userFilter: `(memberOf=${acme.groups.desktopAdmins})` });
    expect(await authenticateLdap(adminsOnly, "bob", "Bob-Pass-1")).toMatchObject({ reason: "user_not_found" });
    expect(await authenticateLdap(adminsOnly, "alice", acme.users.alice.password)).toMatchObject({ ok: true });
  });

  it("fails over from a dead URL to the next one", async () => {
    const dead = `ldap://127.0.0.1:${await unusedTcpPort()}`;
    const result = await authenticateLdap(
      acmeConfig({ urls: [dead, LDAP_TEST_DIRECTORY.url] }),
      "alice",
      "Alice-Pass-1",
    );
    expect(result).toMatchObject({ ok: true, url: LDAP_TEST_DIRECTORY.url });
  });

  it("does not fail over on bad credentials, and reports servers that are all down", async () => {
    const urls: string[] = [];
    const deps = {
      createClient: (options: ClientOptions) => {
        urls.push(options.url);
        return new Client(options);
      },
    };
    const second = "ldap://localhost:1389";
    const wrong = await authenticateLdap(acmeConfig({ urls: [LDAP_TEST_DIRECTORY.url, second] }), "alice", "x", deps);
    expect(wrong).toMatchObject({ ok: false, reason: "invalid_credentials" });
    expect(urls).not.toContain(second);

    const down = acmeConfig({
      urls: [`ldap://127.0.0.1:${await unusedTcpPort()}`, `ldap://127.0.0.1:${await unusedTcpPort()}`],
    });
    expect(await authenticateLdap(down, "alice", "Alice-Pass-1")).toMatchObject({
      ok: false,
      reason: "server_unreachable",
    });
  });

  it("reports a wrong service account password as misconfigured", async () => {
    const result = await authenticateLdap(
      acmeConfig({ bindPassword: "wrong-service-password" }),
      "alice",
      "Alice-Pass-1",
    );
    expect(result).toMatchObject({ ok: false, reason: "misconfigured" });
  });
});
