import {
  LDAP_TEST_DIRECTORY,
  leaseLdapServer,
  leaseSecondLdapServer,
  SECOND_LDAP_PORT,
  type ServerLease,
  unusedTcpPort,
} from "@atrium/api/modules/identity/providers/test-servers";
import { ExternalIdentity, RoleBinding, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { createProvider, signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

const UPDATE_PROVIDER = `mutation($id: ID!, $input: UpdateIdentityProviderInput!) {
  updateIdentityProvider(id: $id, input: $input) { id }
}`;

// Accounts are found by (provider, the directory's entryUUID), never by user name: two real slapd instances with
// the same seed stand for two directories of one tenant, each with its own "alice".
describe("directory accounts are found by the directory's immutable id", () => {
  const dir = LDAP_TEST_DIRECTORY.tenants.acme;
  const alice = dir.users.alice;
  let app: TestApp;
  let leases: ServerLease[] = [];
  let acme: TenantFixture;
  let firstId: string;

  const ldap = (urls: string[], loginAttribute = "UID") => ({
    ldap: { urls, bindDn: dir.bindDn, bindPassword: dir.bindPassword, searchBase: dir.searchBase, loginAttribute },
  });
  const first = `ldap://127.0.0.1:1389`;
  const second = `ldap://127.0.0.1:${SECOND_LDAP_PORT}`;
  const users = () => app.database.dataSource.getRepository(User);
  const rolesOf = async (userId: string) =>
    (await app.database.dataSource.getRepository(RoleBinding).findBy({ userId })).map((binding) => binding.role);
  const updateProvider = async (id: string, input: Record<string, unknown>) =>
    dataOf(await app.gql(UPDATE_PROVIDER, { id, input }, acme.adminToken));
  const signInAlice = async (username = "alice") =>
    dataOf(await signInWithPassword(app, { username, password: alice.password, tenant: "acme" })).signInWithPassword;

  beforeAll(async () => {
    leases = [await leaseLdapServer(), await leaseSecondLdapServer()];
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
      settings: ldap([second]),
      groupRoleMappings: [],
    });
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    for (const lease of leases) await lease.release();
  });

  it("gives the second directory's alice an account of her own and leaves the first alice's roles alone", async () => {
    expect((await signInAlice()).viewer).toMatchObject({ username: "alice", roles: ["TENANT_ADMIN"] });
    const headquartersAlice = await users().findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });

    // Headquarters' directory goes down: the branch directory, next in priority, knows an "alice" too.
    await updateProvider(firstId, { settings: ldap([`ldap://127.0.0.1:${await unusedTcpPort()}`]) });
    const branch = await signInAlice();
    expect(branch.viewer).toMatchObject({ username: "alice (branch)", roles: [] });

    const accounts = await users().findBy({ tenantId: acme.tenant.id, source: "ldap" });
    expect(accounts.map((account) => account.username).sort()).toEqual(["alice", "alice (branch)"]);
    expect(await rolesOf(headquartersAlice.id)).toEqual(["tenant_admin"]);
    const links = await app.database.dataSource.getRepository(ExternalIdentity).findBy({ tenantId: acme.tenant.id });
    expect(new Set(links.map((link) => link.userId)).size).toBe(2);
    expect(links.every((link) => /^[0-9a-f-]{36}$/.test(link.subject))).toBe(true);

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
});
