import {
  LDAP_TEST_DIRECTORIES,
  type ServerLease,
  unusedTcpPort,
} from "@atrium/api/modules/identity/providers/test-servers";
import { Group, GroupMembership, LdapLoginAttribute, LoginEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { createProvider, graphqlName, signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

// Sign-in against the real directories of test/services (OpenLDAP's slapd and a Samba AD DC), each seeded with two
// tenants' people and groups; every test runs against both.
describe.each(LDAP_TEST_DIRECTORIES)("LDAP sign-in against $directory.name", ({ directory, lease: leaseServer }) => {
  const { acme: acmeDir, globex: globexDir } = directory.tenants;

  let app: TestApp;
  let lease: ServerLease;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let acmeProviderId: string;

  function ldapSettings(
    dir: typeof acmeDir | typeof globexDir,
    bindPassword: string,
    urls: string[] = [directory.url],
  ) {
    const loginAttribute = graphqlName(LdapLoginAttribute, directory.loginAttribute);
    return { ldap: { urls, bindDn: dir.bindDn, bindPassword, searchBase: dir.searchBase, loginAttribute } };
  }

  beforeAll(async () => {
    lease = await leaseServer();
    app = await startTestApp();
    acme = await createTenantWithPeople(app, "acme");
    globex = await createTenantWithPeople(app, "globex");
    // Every failure below comes from 127.0.0.1: keep the per-address limit out of the way of the per-user one.
    for (const tenant of [acme, globex]) await updateSettings(app, tenant.adminToken, { ipFailureLimit: 1000 });
    const down = `ldap://127.0.0.1:${await unusedTcpPort()}`;
    acmeProviderId = (
      await createProvider(app, acme.adminToken, {
        name: "acme-directory",
        // The first URL is down: every sign-in below also proves failover to the second.
        settings: ldapSettings(acmeDir, acmeDir.bindPassword, [down, directory.url]),
        groupRoleMappings: [
          { group: acmeDir.groups.desktopAdmins, role: "TENANT_ADMIN" },
          { group: "helpdesk", role: "TENANT_HELPDESK" },
          // Without a grant, acme's desktop users would be refused as strangers (see identity-ldap-shared.test.ts).
          { group: "desktop-users", role: "TENANT_USER" },
        ],
      })
    ).id;
    await createProvider(app, globex.adminToken, {
      name: "globex-directory",
      settings: ldapSettings(globexDir, globexDir.bindPassword),
      groupRoleMappings: [],
    });
    // The first start of the Samba DC on a machine provisions the domain (a minute or two on 2 busy cores).
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await lease?.release();
  });

  describe("sign-in", () => {
    it("signs alice in with the right password, provisions her and maps her admin group to tenant_admin", async () => {
      const result = dataOf(
        await signInWithPassword(app, { username: "alice", password: acmeDir.users.alice.password, tenant: "acme" }),
      );
      expect(result.signInWithPassword).toMatchObject({
        __typename: "AuthPayload",
        viewer: {
          username: "alice",
          roles: expect.arrayContaining(["TENANT_ADMIN", "TENANT_USER"]),
          tenantSlug: "acme",
        },
      });
      const users = app.database.dataSource.getRepository(User);
      const alice = await users.findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });
      expect(alice).toMatchObject({ source: "ldap", externalId: acmeDir.users.alice.dn, email: "alice@acme.test" });
      const groups = await app.database.dataSource
        .getRepository(Group)
        .findBy({ tenantId: acme.tenant.id, source: "ldap" });
      const memberships = await app.database.dataSource.getRepository(GroupMembership).findBy({ userId: alice.id });
      const names = groups
        .filter((group) => memberships.some((m) => m.groupId === group.id))
        .map((group) => group.name);
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
      expect(result.signInWithPassword.viewer).toMatchObject({
        username: "carol",
        roles: expect.arrayContaining(["TENANT_HELPDESK", "TENANT_USER"]),
      });
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
        settings: ldapSettings(acmeDir, "not-the-password"),
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
        settings: ldapSettings(acmeDir, acmeDir.bindPassword, [`ldap://127.0.0.1:${await unusedTcpPort()}`]),
        enabled: false,
      });
      const unreachable = dataOf(
        await app.gql<{ testIdentityProvider: { reason: string } }>(test, { id: down.id }, acme.adminToken),
      );
      expect(unreachable.testIdentityProvider.reason).toBe("unreachable");
    });

    if (directory.name === "samba-ad") {
      const ad = directory.tenants.acme;
      it("tells a user whose AD password expired or must change to change it in Windows, and logs why", async () => {
        for (const [username, password, reason] of [
          ["petra", ad.users.petra.password, "password_expired"],
          ["mike", ad.users.mike.password, "password_must_change"],
        ] as const) {
          const result = await signInWithPassword(app, { username, password, tenant: "acme" });
          expect(result.errors?.[0]).toMatchObject({
            extensions: { code: "UNAUTHENTICATED", reason: reason.toUpperCase() },
          });
          expect(result.errors?.[0]?.message).toMatch(/Change it in Windows/);
          const [event] = await app.database.dataSource
            .getRepository(LoginEvent)
            .find({ where: { tenantId: acme.tenant.id, username }, order: { createdAt: "DESC" }, take: 1 });
          expect(event).toMatchObject({ outcome: "failure", providerKind: "ldap", providerId: acmeProviderId });
          expect(event?.reason).toMatch(new RegExp(`^${reason}`));
        }
        // A wrong password still gets the one generic message: "expired" is said only to whoever knows the password.
        const wrong = await signInWithPassword(app, { username: "petra", password: "Petra-Pass-9", tenant: "acme" });
        expect(wrong.errors?.[0]?.message).toBe("Invalid username or password");
      });
    }

    it("logs the lockout of a directory user with the directory's provider kind, not local", async () => {
      await updateSettings(app, acme.adminToken, { userFailureLimit: 2, ipFailureLimit: 1000, lockoutSeconds: 600 });
      dataOf(await signInWithPassword(app, { username: "bob", password: acmeDir.users.bob.password, tenant: "acme" }));
      // The user lock holds where bob never signed in from (at his own address he would still get in).
      const elsewhere = { "x-forwarded-for": "203.0.113.8" };
      for (let i = 0; i < 2; i++) {
        await signInWithPassword(app, { username: "bob", password: "no", tenant: "acme" }, elsewhere);
      }
      const locked = await signInWithPassword(
        app,
        { username: "bob", password: acmeDir.users.bob.password, tenant: "acme" },
        elsewhere,
      );
      expect(errorCodes(locked)).toEqual(["RATE_LIMITED"]);
      const [event] = await app.database.dataSource
        .getRepository(LoginEvent)
        .findBy({ tenantId: acme.tenant.id, username: "bob", outcome: "locked" });
      expect(event).toMatchObject({ providerKind: "ldap", reason: "user_locked" });
    });
  });
});
