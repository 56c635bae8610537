import {
  LDAP_TEST_DIRECTORY,
  type LdapTestDirectory,
  leaseLdapServer,
  leaseSambaAd,
  leaseSecondLdapServer,
  SAMBA_AD_TEST_DIRECTORY,
  SECOND_LDAP_PORT,
  type ServerLease,
  unusedTcpPort,
} from "@atrium/api/modules/identity/providers/test-servers";
import { ExternalIdentity, LdapLoginAttribute, RoleBinding, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { dnOfSubject } from "../idp/directory-subject.js";
import { createProvider, graphqlName, signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

const UPDATE_PROVIDER = `mutation($id: ID!, $input: UpdateIdentityProviderInput!) {
  updateIdentityProvider(id: $id, input: $input) { id }
}`;

// Headquarters' directory and a branch directory that knows an "alice" too: two slapd instances with the same seed,
// and Samba AD (objectGUID) beside slapd (entryUUID).
const DIRECTORY_PAIRS: {
  headquarters: LdapTestDirectory;
  branchUrl: string;
  leases: (() => Promise<ServerLease>)[];
}[] = [
  {
    headquarters: LDAP_TEST_DIRECTORY,
    branchUrl: `ldap://127.0.0.1:${SECOND_LDAP_PORT}`,
    leases: [leaseLdapServer, leaseSecondLdapServer],
  },
  {
    headquarters: SAMBA_AD_TEST_DIRECTORY,
    branchUrl: LDAP_TEST_DIRECTORY.url,
    leases: [leaseSambaAd, leaseLdapServer],
  },
];

// Accounts are found by (provider, the directory's objectGUID or entryUUID), never by user name.
describe.each(DIRECTORY_PAIRS)(
  "directory accounts are found by the immutable id of $headquarters.name",
  ({ headquarters, branchUrl, leases: leaseServers }) => {
    const dir = headquarters.tenants.acme;
    const branchDir = LDAP_TEST_DIRECTORY.tenants.acme;
    const alice = dir.users.alice;
    let app: TestApp;
    let leases: ServerLease[] = [];
    let acme: TenantFixture;
    let firstId: string;

    const ldap = (urls: string[], loginAttribute = graphqlName(LdapLoginAttribute, headquarters.loginAttribute)) => ({
      ldap: { urls, bindDn: dir.bindDn, bindPassword: dir.bindPassword, searchBase: dir.searchBase, loginAttribute },
    });
    const branchLdap = {
      ldap: {
        urls: [branchUrl],
        bindDn: branchDir.bindDn,
        bindPassword: branchDir.bindPassword,
        searchBase: branchDir.searchBase,
        loginAttribute: "UID",
      },
    };
    const first = headquarters.url;
    const users = () => app.database.dataSource.getRepository(User);
    const rolesOf = async (userId: string) =>
      (await app.database.dataSource.getRepository(RoleBinding).findBy({ userId })).map((binding) => binding.role);
    const updateProvider = async (id: string, input: Record<string, unknown>) =>
      dataOf(await app.gql(UPDATE_PROVIDER, { id, input }, acme.adminToken));
    const signInAlice = async (username = "alice", password: string = alice.password) =>
      dataOf(await signInWithPassword(app, { username, password, tenant: "acme" })).signInWithPassword;

    beforeAll(async () => {
      for (const lease of leaseServers) leases.push(await lease());
      app = await startTestApp();
      acme = await createTenantWithPeople(app, "acme");
      await updateSettings(app, acme.adminToken, { ipFailureLimit: 1000 });
      firstId = (
        await createProvider(app, acme.adminToken, {
          name: "headquarters",
          priority: 10,
          settings: ldap([first]),
          groupRoleMappings: [{ group: dir.groups.desktopAdmins, role: "TENANT_ADMIN" }],
        })
      ).id;
      await createProvider(app, acme.adminToken, {
        name: "branch",
        priority: 20,
        settings: branchLdap,
        groupRoleMappings: [],
      });
    }, 600_000);

    afterAll(async () => {
      await app?.close();
      for (const lease of leases) await lease.release();
      leases = [];
    });

    it("gives the second directory's alice an account of her own and leaves the first alice's roles alone", async () => {
      expect((await signInAlice()).viewer).toMatchObject({ username: "alice", roles: ["TENANT_ADMIN"] });
      const headquartersAlice = await users().findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });

      // Headquarters' directory goes down: the branch directory, next in priority, knows an "alice" too.
      await updateProvider(firstId, { settings: ldap([`ldap://127.0.0.1:${await unusedTcpPort()}`]) });
      const branch = await signInAlice("alice", branchDir.users.alice.password);
      expect(branch.viewer).toMatchObject({ username: "alice (branch)", roles: [] });

      const accounts = await users().findBy({ tenantId: acme.tenant.id, source: "ldap" });
      expect(accounts.map((account) => account.username).sort()).toEqual(["alice", "alice (branch)"]);
      expect(await rolesOf(headquartersAlice.id)).toEqual(["tenant_admin"]);
      const links = await app.database.dataSource.getRepository(ExternalIdentity).findBy({ tenantId: acme.tenant.id });
      expect(new Set(links.map((link) => link.userId)).size).toBe(2);
      expect(links.every((link) => /^[0-9a-f-]{36}$/.test(link.subject))).toBe(true);
      // Headquarters' subject is the id of her entry there (AD: objectGUID), which the directory finds her by.
      const headquartersLink = links.find((link) => link.userId === headquartersAlice.id);
      expect((await dnOfSubject(headquarters, headquartersLink!.subject))?.toLowerCase()).toBe(alice.dn.toLowerCase());

      // Headquarters is back: its alice signs into her own account again, admin as before.
      await updateProvider(firstId, { settings: ldap([first]) });
      expect((await signInAlice()).viewer).toMatchObject({ username: "alice", roles: ["TENANT_ADMIN"] });
    });

    it("keeps the account when the directory's login attribute changes, and follows the new name", async () => {
      const before = await users().findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });
      await updateProvider(firstId, { settings: ldap([first], "USER_PRINCIPAL_NAME") });
      const result = await signInAlice(alice.upn);
      expect(result.viewer).toMatchObject({ username: alice.upn, roles: ["TENANT_ADMIN"] });
      const after = await users().findOneByOrFail({ tenantId: acme.tenant.id, username: alice.upn });
      expect(after.id).toBe(before.id);
      expect(await users().countBy({ tenantId: acme.tenant.id, source: "ldap" })).toBe(2);
    });
  },
);
