import {
  LDAP_TEST_DIRECTORY,
  leaseLdapServer,
  type ServerLease,
  unusedTcpPort,
} from "@atrium/api/modules/identity/providers/test-servers";
import { Group, GroupMembership, LoginEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { createProvider, signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

// Sign-in against the real slapd of test/services/ldap.sh, seeded with two tenants' directories.
const { acme: acmeDir, globex: globexDir } = LDAP_TEST_DIRECTORY.tenants;

let app: TestApp;
let lease: ServerLease;
let acme: TenantFixture;
let globex: TenantFixture;
let acmeProviderId: string;

function ldapConfig(dir: typeof acmeDir | typeof globexDir, urls: string[] = [LDAP_TEST_DIRECTORY.url]) {
  return { urls, bindDn: dir.bindDn, searchBase: dir.searchBase, loginAttribute: "uid" };
}

beforeAll(async () => {
  lease = await leaseLdapServer();
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  // Every failure below comes from 127.0.0.1: keep the per-address limit out of the way of the per-user one.
  for (const tenant of [acme, globex]) await updateSettings(app, tenant.adminToken, { ipFailureLimit: 1000 });
  const down = `ldap://127.0.0.1:${await unusedTcpPort()}`;
  acmeProviderId = (
    await createProvider(app, acme.adminToken, {
      name: "acme-directory",
      kind: "ldap",
      // The first URL is down: every sign-in below also proves failover to the second.
      config: ldapConfig(acmeDir, [down, LDAP_TEST_DIRECTORY.url]),
      secret: acmeDir.bindPassword,
      groupRoleMappings: [
        { group: acmeDir.groups.desktopAdmins, role: "tenant_admin" },
        { group: "helpdesk", role: "tenant_helpdesk" },
      ],
    })
  ).id;
  await createProvider(app, globex.adminToken, {
    name: "globex-directory",
    kind: "ldap",
    config: ldapConfig(globexDir),
    secret: globexDir.bindPassword,
    groupRoleMappings: [],
  });
});

afterAll(async () => {
  await app?.close();
  await lease?.release();
});

describe("LDAP sign-in", () => {
  it("signs alice in with the right password, provisions her and maps her admin group to tenant_admin", async () => {
    const result = dataOf(
      await signInWithPassword(app, { username: "alice", password: acmeDir.users.alice.password, tenant: "acme" }),
    );
    expect(result.signInWithPassword).toMatchObject({
      __typename: "AuthPayload",
      viewer: { username: "alice", roles: ["tenant_admin"], tenantSlug: "acme" },
    });
    const users = app.database.dataSource.getRepository(User);
    const alice = await users.findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });
    expect(alice).toMatchObject({ source: "ldap", externalId: acmeDir.users.alice.dn, email: "alice@acme.test" });
    const groups = await app.database.dataSource
      .getRepository(Group)
      .findBy({ tenantId: acme.tenant.id, source: "ldap" });
    const memberships = await app.database.dataSource.getRepository(GroupMembership).findBy({ userId: alice.id });
    const names = groups.filter((group) => memberships.some((m) => m.groupId === group.id)).map((group) => group.name);
    expect(names.sort()).toEqual(["desktop-admins", "desktop-users"]);
    // The tokens work like any other session.
    const me = await app.gql<{ me: { username: string } }>(
      `{ me { username } }`,
      {},
      result.signInWithPassword.accessToken,
    );
    expect(dataOf(me).me.username).toBe("alice");
  });

  it("maps a nested group (carol is in helpdesk, itself in desktop-users) to its role", async () => {
    const result = dataOf(
      await signInWithPassword(app, { username: "carol", password: acmeDir.users.carol.password, tenant: "acme" }),
    );
    expect(result.signInWithPassword.viewer).toMatchObject({ username: "carol", roles: ["tenant_helpdesk"] });
  });

  it("refuses a wrong password, an unknown user and a disabled account with one message", async () => {
    const attempts = [
      { username: "bob", password: "Bob-Pass-2" },
      { username: "nobody-here", password: "Whatever-1" },
      { username: "oscar", password: acmeDir.users.oscar.password },
    ];
    for (const attempt of attempts) {
      const result = await signInWithPassword(app, { ...attempt, tenant: "acme" });
      expect(result.errors?.[0]).toMatchObject({
        message: "Invalid username or password",
        extensions: { code: "UNAUTHENTICATED" },
      });
    }
    const events = await app.database.dataSource
      .getRepository(LoginEvent)
      .findBy({ tenantId: acme.tenant.id, outcome: "failure" });
    const reasons = events.map((event) => `${event.username} ${event.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bob invalid_credentials/),
        expect.stringMatching(/^nobody-here user_not_found/),
        expect.stringMatching(/^oscar account_disabled/),
      ]),
    );
    expect(await app.database.dataSource.getRepository(User).countBy({ username: "oscar" })).toBe(0);
  });

  it("refreshes group memberships at each sign-in", async () => {
    const users = app.database.dataSource.getRepository(User);
    const alice = await users.findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });
    const stale = await app.database.dataSource.getRepository(Group).save({
      tenantId: acme.tenant.id,
      name: "left-long-ago",
      source: "ldap",
      externalId: "cn=left",
      description: null,
    });
    await app.database.dataSource
      .getRepository(GroupMembership)
      .insert({ tenantId: acme.tenant.id, groupId: stale.id, userId: alice.id });
    dataOf(
      await signInWithPassword(app, { username: "alice", password: acmeDir.users.alice.password, tenant: "acme" }),
    );
    expect(
      await app.database.dataSource.getRepository(GroupMembership).countBy({ userId: alice.id, groupId: stale.id }),
    ).toBe(0);
  });

  it("never signs a tenant's directory user in through another tenant", async () => {
    // alice exists only in acme's directory; globex's provider searches globex's subtree with globex's account.
    const viaGlobex = await signInWithPassword(app, {
      username: "alice",
      password: acmeDir.users.alice.password,
      tenant: "globex",
    });
    expect(errorCodes(viaGlobex)).toEqual(["UNAUTHENTICATED"]);
    const viaMsp = await signInWithPassword(app, { username: "alice", password: acmeDir.users.alice.password });
    expect(errorCodes(viaMsp)).toEqual(["UNAUTHENTICATED"]);
    const dave = dataOf(
      await signInWithPassword(app, { username: "dave", password: globexDir.users.dave.password, tenant: "globex" }),
    );
    expect(dave.signInWithPassword.viewer).toMatchObject({ username: "dave", tenantSlug: "globex", roles: [] });
    const viaAcme = await signInWithPassword(app, {
      username: "dave",
      password: globexDir.users.dave.password,
      tenant: "acme",
    });
    expect(errorCodes(viaAcme)).toEqual(["UNAUTHENTICATED"]);
  });

  it("selects the tenant by login host name", async () => {
    await updateSettings(app, globex.adminToken, { loginHostname: "desk.globex.test" });
    const result = dataOf(
      await signInWithPassword(app, {
        username: "erin",
        password: globexDir.users.erin.password,
        loginHost: "desk.globex.test",
      }),
    );
    expect(result.signInWithPassword.viewer).toMatchObject({ username: "erin", tenantSlug: "globex" });
    const wrongHost = await signInWithPassword(app, {
      username: "erin",
      password: globexDir.users.erin.password,
      loginHost: "other.test",
    });
    expect(errorCodes(wrongHost)).toEqual(["UNAUTHENTICATED"]);
  });

  it("reports test-connection results precisely", async () => {
    const test = `mutation($id: ID!) { testIdentityProvider(id: $id) { ok reason detail } }`;
    const good = dataOf(
      await app.gql<{ testIdentityProvider: { ok: boolean } }>(test, { id: acmeProviderId }, acme.adminToken),
    );
    expect(good.testIdentityProvider.ok).toBe(true);
    const broken = await createProvider(app, acme.adminToken, {
      name: "wrong-secret",
      kind: "ldap",
      config: ldapConfig(acmeDir),
      secret: "not-the-password",
      enabled: false,
    });
    const result = dataOf(
      await app.gql<{ testIdentityProvider: { ok: boolean; reason: string } }>(
        test,
        { id: broken.id },
        acme.adminToken,
      ),
    );
    expect(result.testIdentityProvider).toMatchObject({ ok: false, reason: "bind_failed" });
    const down = await createProvider(app, acme.adminToken, {
      name: "down",
      kind: "ldap",
      config: ldapConfig(acmeDir, [`ldap://127.0.0.1:${await unusedTcpPort()}`]),
      secret: acmeDir.bindPassword,
      enabled: false,
    });
    const unreachable = dataOf(
      await app.gql<{ testIdentityProvider: { reason: string } }>(test, { id: down.id }, acme.adminToken),
    );
    expect(unreachable.testIdentityProvider.reason).toBe("unreachable");
  });
});
