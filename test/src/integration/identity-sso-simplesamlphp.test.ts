import { leaseSamlIdp, type ServerLease } from "@atrium/api/modules/identity/providers/test-servers";
import { LoginEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { browse, clearCookies } from "../idp/browser.js";
import { createProvider, type SignInResultShape } from "../idp/identity-helpers.js";
import { type RegisteredSp, registerServiceProvider, SIMPLESAMLPHP } from "../idp/simplesamlphp.js";

// SAML browser SSO against an IdP that is not written in Node: SimpleSAMLphp from Debian (test/services/saml-idp.sh),
// signing with its own key and sending persistent NameIDs. The user types their password into its sign-in form.
const RETURN = "/login/sso";
let app: TestApp;
let api: string;
let lease: ServerLease;
let acme: TenantFixture;
let providerId = "";
let registered: RegisteredSp | undefined;

const REDEEM = `mutation($t: String!) { redeemSignInTicket(input: { ticket: $t }) {
  __typename ... on AuthPayload { accessToken viewer { username roles tenantSlug } } } }`;

const login = () => `${api}/auth/sso/${providerId}/login?tenant=acme&returnTo=${RETURN}`;

beforeAll(async () => {
  lease = await leaseSamlIdp();
  app = await startTestApp();
  api = new URL(app.url).origin;
  acme = await createTenantWithPeople(app, "acme");
  const metadataXml = await (await fetch(SIMPLESAMLPHP.metadataUrl)).text();
  providerId = (
    await createProvider(app, acme.adminToken, {
      name: "acme-simplesamlphp",
      settings: { saml: { metadataXml, usernameAttribute: "uid", emailAttribute: "mail", groupAttribute: "groups" } },
      groupRoleMappings: [{ group: "vdi-admins", role: "TENANT_ADMIN" }],
    })
  ).id;
  registered = registerServiceProvider({
    entityId: `urn:atrium:sp:${providerId}`,
    acsUrl: `${api}/auth/sso/${providerId}/saml/acs`,
  });
}, 300_000);

afterAll(async () => {
  registered?.remove();
  await app?.close();
  await lease?.release();
});

describe("SAML 2.0 with SimpleSAMLphp", () => {
  it("signs alice in through the IdP's own sign-in form and maps her group to tenant_admin", async () => {
    const { password } = SIMPLESAMLPHP.users.alice;
    const landing = await browse(login(), RETURN, { credentials: { username: "alice", password } });
    expect(landing.error).toBeNull();
    const result = dataOf(await app.gql<{ redeemSignInTicket: SignInResultShape }>(REDEEM, { t: landing.ticket }));
    expect(result.redeemSignInTicket).toMatchObject({
      __typename: "AuthPayload",
      viewer: { username: "alice", roles: ["TENANT_ADMIN"], tenantSlug: "acme" },
    });
    const alice = await app.database.dataSource
      .getRepository(User)
      .findOneByOrFail({ tenantId: acme.tenant.id, username: "alice" });
    expect(alice).toMatchObject({ source: "saml", email: "alice@acme.test" });
    const event = await app.database.dataSource
      .getRepository(LoginEvent)
      .findOneBy({ tenantId: acme.tenant.id, username: "alice", outcome: "success" });
    expect(event).toMatchObject({ providerKind: "saml", providerId });
  });

  it("leaves a user who cannot pass the IdP's form on the IdP, with no account here", async () => {
    clearCookies();
    const landing = await browse(login(), RETURN, { credentials: { username: "nina", password: "Not-Her-Password" } });
    expect(landing.ticket).toBeNull();
    expect(await app.database.dataSource.getRepository(User).countBy({ username: "nina" })).toBe(0);
  });
});
