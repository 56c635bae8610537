import { LDAP_TEST_DIRECTORIES, type ServerLease } from "@atrium/api/modules/identity/providers/test-servers";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { ExternalIdentity, LdapLoginAttribute, LoginEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, createUser, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { browse } from "../idp/browser.js";
import { dnOfSubject } from "../idp/directory-subject.js";
import {
  createProvider,
  graphqlName,
  type SignInResultShape,
  signInWithPassword,
  updateSettings,
} from "../idp/identity-helpers.js";
import { type SamlIdp, startSamlIdp } from "../idp/saml-idp.js";

const RETURN = "/login/sso";
const REDEEM = `mutation($t: String!) { redeemSignInTicket(input: { ticket: $t }) {
  __typename ... on AuthPayload { viewer { username roles } } } }`;
const UPDATE_PROVIDER = `mutation($id: ID!, $input: UpdateIdentityProviderInput!) {
  updateIdentityProvider(id: $id, input: $input) { id accountLinkRule }
}`;
const LIST = `query($userId: ID!) { externalIdentities(userId: $userId) { id providerName subject linkedBy } }`;
const LINK = `mutation($input: LinkExternalIdentityInput!) { linkExternalIdentity(input: $input) { id subject linkedBy } }`;
const UNLINK = `mutation($u: ID!, $p: ID!) { unlinkExternalIdentity(userId: $u, providerId: $p) { id } }`;

type Link = { id: string; providerName?: string; subject: string; linkedBy: string };

// One person, two providers: the directory (OpenLDAP, and Samba AD with objectGUID as the subject) and a SAML IdP.
// A second provider joins an existing account only by the provider's link rule or an administrator's explicit link;
// otherwise the user is told, the admin sees why in the login history.
describe.each(LDAP_TEST_DIRECTORIES)(
  "linking a second provider to an account ($directory.name)",
  ({ directory, lease: leaseServer }) => {
    const dir = directory.tenants.acme;
    let app: TestApp;
    let api: string;
    let lease: ServerLease;
    let acme: TenantFixture;
    let globex: TenantFixture;
    let samlIdp: SamlIdp;
    let samlId = "";

    const users = () => app.database.dataSource.getRepository(User);
    const samlSignIn = async (nameId: string, email: string) => {
      samlIdp.next = { user: { nameId, email, group: "staff" }, variant: {} };
      return browse(`${api}/auth/sso/${samlId}/login?tenant=acme&returnTo=${RETURN}`, RETURN);
    };
    const redeem = async (ticket: string | null) =>
      dataOf(await app.gql<{ redeemSignInTicket: SignInResultShape }>(REDEEM, { t: ticket ?? "" })).redeemSignInTicket;
    const setRule = async (accountLinkRule: string) =>
      dataOf(await app.gql(UPDATE_PROVIDER, { id: samlId, input: { accountLinkRule } }, acme.adminToken));

    beforeAll(() => ensurePackages("identity"));
    beforeAll(async () => {
      lease = await leaseServer();
      app = await startTestApp();
      api = new URL(app.url).origin;
      acme = await createTenantWithPeople(app, "acme");
      globex = await createTenantWithPeople(app, "globex");
      await updateSettings(app, acme.adminToken, { ipFailureLimit: 1000 });
      await createProvider(app, acme.adminToken, {
        name: "directory",
        settings: {
          ldap: {
            urls: [directory.url],
            bindDn: dir.bindDn,
            bindPassword: dir.bindPassword,
            searchBase: dir.searchBase,
            loginAttribute: graphqlName(LdapLoginAttribute, directory.loginAttribute),
          },
        },
        groupRoleMappings: [{ group: dir.groups.desktopAdmins, role: "TENANT_ADMIN" }],
      });
      samlIdp = await startSamlIdp(
        () => `urn:atrium:sp:${samlId}`,
        () => `${api}/auth/sso/${samlId}/saml/acs`,
      );
      samlId = (
        await createProvider(app, acme.adminToken, {
          name: "corporate-sso",
          accountLinkRule: "SAME_EMAIL",
          settings: {
            saml: { ssoUrl: samlIdp.ssoUrl, idpCertificates: [samlIdp.certificatePem], idpEntityId: samlIdp.entityId },
          },
          groupRoleMappings: [],
        })
      ).id;
    }, 600_000);

    afterAll(async () => {
      await app?.close();
      await samlIdp?.close();
      await lease?.release();
    });

    it("signs the directory's alice in through SAML into her own account when the rule is the same e-mail", async () => {
      const viaDirectory = dataOf(
        await signInWithPassword(app, { username: "alice", password: dir.users.alice.password, tenant: "acme" }),
      ).signInWithPassword;
      expect(viaDirectory.viewer).toMatchObject({ username: "alice", roles: ["TENANT_ADMIN"] });

      // The IdP names her "alice" too and maps no role: she lands in her account, which keeps its directory roles.
      const landing = await samlSignIn("alice", "alice@acme.test");
      expect(landing.error).toBeNull();
      expect((await redeem(landing.ticket)).viewer).toEqual({ username: "alice", roles: ["TENANT_ADMIN"] });
      expect(await users().countBy({ tenantId: acme.tenant.id, email: "alice@acme.test" })).toBe(1);

      // The directory still signs her into the same account, admin as before.
      const again = dataOf(
        await signInWithPassword(app, { username: "alice", password: dir.users.alice.password, tenant: "acme" }),
      ).signInWithPassword;
      expect(again.viewer).toMatchObject({ username: "alice", roles: ["TENANT_ADMIN"] });
      const alice = await users().findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });
      const links: Link[] = dataOf(
        await app.gql<{ externalIdentities: Link[] }>(LIST, { userId: alice.id }, acme.adminToken),
      ).externalIdentities;
      expect(links.map(({ providerName, linkedBy }) => `${providerName} ${linkedBy}`).sort()).toEqual([
        "corporate-sso RULE",
        "directory SIGN_IN",
      ]);
      // The directory's link is the entry's immutable id (AD: objectGUID, OpenLDAP: entryUUID), which finds her entry.
      const directoryLink = links.find((link) => link.providerName === "directory");
      expect((await dnOfSubject(directory, directoryLink!.subject))?.toLowerCase()).toBe(
        dir.users.alice.dn.toLowerCase(),
      );
    });

    it("tells the user when the rule finds no single account, and logs why for the admin", async () => {
      for (const name of ["pat", "pat-admin"]) {
        const user = await createUser(app, acme.tenant, name, null);
        await users().update(user.id, { email: "pat@acme.test" });
      }
      const before = await users().countBy({ tenantId: acme.tenant.id });
      const landing = await samlSignIn("pat", "pat@acme.test");
      expect(landing).toMatchObject({ ticket: null, error: "account_conflict" });
      expect(await users().countBy({ tenantId: acme.tenant.id })).toBe(before);
      const [event] = await app.database.dataSource
        .getRepository(LoginEvent)
        .find({ where: { tenantId: acme.tenant.id, username: "pat" }, order: { createdAt: "DESC" }, take: 1 });
      expect(event).toMatchObject({ outcome: "failure", providerKind: "saml" });
      expect(event?.reason).toMatch(/^identity_conflict/);
    });

    it("without a rule gives a new person an account of their own, and an admin's link joins them to one", async () => {
      expect((await setRule("NONE")).updateIdentityProvider).toMatchObject({ accountLinkRule: "NONE" });
      // user1 exists locally with that name; the IdP's "user1" is not taken to be the same person.
      const stranger = await samlSignIn("user1", "someone@acme.test");
      expect((await redeem(stranger.ticket)).viewer).toMatchObject({ username: "user1 (corporate-sso)" });

      const user1 = await users().findOneByOrFail({ tenantId: acme.tenant.id, username: "user1" });
      const linked = dataOf(
        await app.gql<{ linkExternalIdentity: Link }>(
          LINK,
          { input: { userId: user1.id, providerId: samlId, subject: "u1-at-idp" } },
          acme.adminToken,
        ),
      ).linkExternalIdentity;
      expect(linked).toMatchObject({ subject: "u1-at-idp", linkedBy: "ADMIN" });
      const landing = await samlSignIn("u1-at-idp", "user1@acme.test");
      expect((await redeem(landing.ticket)).viewer).toMatchObject({ username: "user1" });

      // Reversible: after the unlink the same person gets an account of their own.
      dataOf(await app.gql(UNLINK, { u: user1.id, p: samlId }, acme.adminToken));
      const afterUnlink = await samlSignIn("u1-at-idp", "user1@acme.test");
      expect((await redeem(afterUnlink.ticket)).viewer).toMatchObject({ username: "u1-at-idp" });
    });

    it("refuses another tenant's ids with NOT_FOUND and changes nothing", async () => {
      const alice = await users().findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });
      const globexUser = await users().findOneByOrFail({ tenantId: globex.tenant.id, username: "user1" });
      const attempts = [
        app.gql(LIST, { userId: alice.id }, globex.adminToken),
        app.gql(LINK, { input: { userId: alice.id, providerId: samlId, subject: "x" } }, globex.adminToken),
        app.gql(LINK, { input: { userId: globexUser.id, providerId: samlId, subject: "x" } }, globex.adminToken),
        app.gql(UNLINK, { u: alice.id, p: samlId }, globex.adminToken),
      ];
      for (const attempt of attempts) expect(errorCodes(await attempt)).toEqual(["NOT_FOUND"]);
      expect(await app.database.dataSource.getRepository(ExternalIdentity).countBy({ userId: alice.id })).toBe(2);
      expect(await app.database.dataSource.getRepository(ExternalIdentity).countBy({ subject: "x" })).toBe(0);
    });

    it("refuses a link that would take a person away from another account, with CONFLICT", async () => {
      const alice = await users().findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });
      const bob = await createUser(app, acme.tenant, "bob-local", null);
      const [samlLink] = await app.database.dataSource
        .getRepository(ExternalIdentity)
        .findBy({ userId: alice.id, providerId: samlId });
      const result = await app.gql(
        LINK,
        { input: { userId: bob.id, providerId: samlId, subject: samlLink!.subject } },
        acme.adminToken,
      );
      expect(errorCodes(result)).toEqual(["CONFLICT"]);
      expect(await app.database.dataSource.getRepository(ExternalIdentity).countBy({ userId: bob.id })).toBe(0);
    });
  },
);
