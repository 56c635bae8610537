import { LDAP_TEST_DIRECTORIES, type ServerLease } from "@atrium/api/modules/identity/providers/test-servers";
import { LdapLoginAttribute, LoginEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { createProvider, graphqlName, signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

const TEST = `mutation($id: ID!) { testIdentityProvider(id: $id) { ok reason detail warnings } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateIdentityProviderInput!) { updateIdentityProvider(id: $id, input: $input) { id } }`;
const GROUPS = `{ groups(first: 100) { nodes { name } } }`;

type TestResult = { ok: boolean; reason: string | null; detail: string; warnings: string[] };

// Issue 13, item 8: one directory shared by two customers (acme and globex OUs), searched by acme's provider from the
// domain root. Globex's people must not get accounts in acme nor bring globex's groups into acme's group list; test
// connection warns about them and suggests a user filter, after which the warning is gone.
describe.each(LDAP_TEST_DIRECTORIES)(
  "a directory shared with another customer ($directory.name)",
  ({ directory, lease: leaseServer }) => {
    const acmeDir = directory.tenants.acme;
    const globexDir = directory.tenants.globex;
    let app: TestApp;
    let lease: ServerLease;
    let acme: TenantFixture;
    let providerId: string;

    const ldap = (userFilter: string | null, groupSearchBase: string | null = null) => ({
      ldap: {
        urls: [directory.url],
        bindDn: directory.domainReader.bindDn,
        bindPassword: directory.domainReader.bindPassword,
        searchBase: directory.baseDn,
        loginAttribute: graphqlName(LdapLoginAttribute, directory.loginAttribute),
        userFilter,
        groupSearchBase,
      },
    });
    const testConnection = async () =>
      dataOf(await app.gql<{ testIdentityProvider: TestResult }>(TEST, { id: providerId }, acme.adminToken))
        .testIdentityProvider;
    const groupNames = async () =>
      dataOf(await app.gql<{ groups: { nodes: { name: string }[] } }>(GROUPS, {}, acme.adminToken)).groups.nodes.map(
        (group) => group.name,
      );

    beforeAll(async () => {
      lease = await leaseServer();
      app = await startTestApp();
      acme = await createTenantWithPeople(app, "acme");
      await updateSettings(app, acme.adminToken, { ipFailureLimit: 1000 });
      providerId = (
        await createProvider(app, acme.adminToken, {
          name: "shared-directory",
          settings: ldap(null),
          groupRoleMappings: [
            { group: acmeDir.groups.desktopAdmins, role: "TENANT_ADMIN" },
            { group: acmeDir.groups.desktopUsers, role: "TENANT_USER" },
          ],
        })
      ).id;
    }, 600_000);

    afterAll(async () => {
      await app?.close();
      await lease?.release();
    });

    it("refuses the other customer's user: no account, a login event saying why, none of their groups listed", async () => {
      const erin = await signInWithPassword(app, {
        username: "erin",
        password: globexDir.users.erin.password,
        tenant: "acme",
      });
      expect(errorCodes(erin)).toEqual(["UNAUTHENTICATED"]);
      const users = app.database.dataSource.getRepository(User);
      expect(await users.countBy({ tenantId: acme.tenant.id, username: "erin" })).toBe(0);
      const [event] = await app.database.dataSource
        .getRepository(LoginEvent)
        .findBy({ tenantId: acme.tenant.id, username: "erin", outcome: "failure" });
      expect(event?.reason).toMatch(/^no_tenant_grant/);

      // Acme's own people still sign in through the same provider and bring acme's groups.
      const alice = dataOf(
        await signInWithPassword(app, { username: "alice", password: acmeDir.users.alice.password, tenant: "acme" }),
      );
      expect([...(alice.signInWithPassword.viewer?.roles ?? [])].sort()).toEqual(["TENANT_ADMIN", "TENANT_USER"]);
      const names = await groupNames();
      expect(names).toEqual(expect.arrayContaining(["desktop-admins", "desktop-users"]));
      expect(names).not.toContain("ring-a");
      expect(names).not.toContain("ring-b");
    });

    it("warns in test connection about users outside the tenant's groups and suggests a user filter", async () => {
      const result = await testConnection();
      expect(result.ok).toBe(true);
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toMatch(/in none of the groups that grant a role/);
      expect(result.warnings[0]).toContain(`memberOf`);
      expect(result.warnings[0]).toContain(acmeDir.groups.desktopUsers);
    });

    it("has no warning once the user filter keeps the search to the tenant's groups, and still signs acme in", async () => {
      const filter = `(|(memberOf=${acmeDir.groups.desktopUsers})(memberOf=${acmeDir.groups.desktopAdmins}))`;
      dataOf(await app.gql(UPDATE, { id: providerId, input: { settings: ldap(filter) } }, acme.adminToken));
      const result = await testConnection();
      expect(result).toMatchObject({ ok: true, warnings: [] });
      const bob = await signInWithPassword(app, {
        username: "bob",
        password: acmeDir.users.bob.password,
        tenant: "acme",
      });
      expect(dataOf(bob).signInWithPassword.viewer?.roles).toEqual(["TENANT_USER"]);
      const erin = await signInWithPassword(app, {
        username: "erin",
        password: globexDir.users.erin.password,
        tenant: "acme",
      });
      expect(errorCodes(erin)).toEqual(["UNAUTHENTICATED"]);
    });

    it("refuses a user filter that is not one LDAP filter, naming the field", async () => {
      const result = await app.gql(
        UPDATE,
        { id: providerId, input: { settings: ldap("(objectClass=person))(|(uid=*") } },
        acme.adminToken,
      );
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(JSON.stringify(result.errors)).toMatch(/userFilter/);
    });

    it("counts only groups under the group search base, for roles and for the group list", async () => {
      // A foreign group mapped by mistake would let erin in with her groups; under acme's group OU it does not count.
      const acmeGroups = acmeDir.groups.desktopUsers.slice(acmeDir.groups.desktopUsers.indexOf(",") + 1);
      const mappings = [
        { group: acmeDir.groups.desktopUsers, role: "TENANT_USER" },
        { group: globexDir.groups.desktopUsers, role: "TENANT_USER" },
      ];
      const input = { settings: ldap(null, acmeGroups), groupRoleMappings: mappings };
      dataOf(await app.gql(UPDATE, { id: providerId, input }, acme.adminToken));
      const erin = await signInWithPassword(app, {
        username: "erin",
        password: globexDir.users.erin.password,
        tenant: "acme",
      });
      expect(errorCodes(erin)).toEqual(["UNAUTHENTICATED"]);
      const bob = await signInWithPassword(app, {
        username: "bob",
        password: acmeDir.users.bob.password,
        tenant: "acme",
      });
      expect(dataOf(bob).signInWithPassword.viewer?.roles).toEqual(["TENANT_USER"]);
      const names = await groupNames();
      expect(names).not.toContain("ring-a");
      expect(names).not.toContain("ring-b");
    });
  },
);
