import { ensurePackages } from "@atrium/api/testing/test-services";
import { LoginEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { browse, type PostedForm } from "../idp/browser.js";
import { createProvider, type SignInResultShape } from "../idp/identity-helpers.js";
import { type OidcIdp, startOidcIdp } from "../idp/oidc-idp.js";
import { type SamlIdp, startSamlIdp } from "../idp/saml-idp.js";
import { createSigningKey } from "../idp/test-keys.js";

// SAML and OIDC end to end: real IdP processes on loopback ports (samlify IdP signing with its own key;
// oidc-provider), the product's HTTP routes, and the ticket redeemed over GraphQL for the usual tokens.
const RETURN = "/login/sso";
let app: TestApp;
let api: string;
let acme: TenantFixture;
let globex: TenantFixture;
let samlIdp: SamlIdp;
let oidcIdp: OidcIdp;
let samlProviderId = "";
let oidcProviderId = "";

const REDEEM = `mutation($t: String!) { redeemSignInTicket(input: { ticket: $t }) {
  __typename ... on AuthPayload { accessToken viewer { username roles tenantSlug } } ... on MfaChallenge { methods } } }`;

async function redeem(ticket: string | null) {
  return app.gql<{ redeemSignInTicket: SignInResultShape }>(REDEEM, { t: ticket ?? "" });
}

async function latestFailure(): Promise<string | null | undefined> {
  const [event] = await app.database.dataSource
    .getRepository(LoginEvent)
    .find({ where: { outcome: "failure" }, order: { createdAt: "DESC" }, take: 1 });
  return event?.reason;
}

const samlLogin = (tenant = "acme") => `${api}/auth/sso/${samlProviderId}/login?tenant=${tenant}&returnTo=${RETURN}`;

beforeAll(() => ensurePackages("identity"));
beforeAll(async () => {
  app = await startTestApp();
  api = new URL(app.url).origin;
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  samlIdp = await startSamlIdp(
    () => `urn:atrium:sp:${samlProviderId}`,
    () => `${api}/auth/sso/${samlProviderId}/saml/acs`,
  );
  samlProviderId = (
    await createProvider(app, acme.adminToken, {
      name: "acme-saml",
      settings: {
        saml: { ssoUrl: samlIdp.ssoUrl, idpCertificates: [samlIdp.certificatePem], idpEntityId: samlIdp.entityId },
      },
      groupRoleMappings: [{ group: "vdi-admins", role: "TENANT_ADMIN" }],
    })
  ).id;
  oidcIdp = await startOidcIdp({
    "acct-1": { preferred_username: "olivia", email: "olivia@globex.test", name: "Olivia O", groups: ["vdi-helpdesk"] },
  });
  oidcProviderId = (
    await createProvider(app, globex.adminToken, {
      name: "globex-oidc",
      settings: { oidc: { issuer: oidcIdp.issuer, clientId: "atrium", clientSecret: "atrium-client-secret" } },
      groupRoleMappings: [{ group: "vdi-helpdesk", role: "TENANT_HELPDESK" }],
    })
  ).id;
  oidcIdp.configure({
    clientId: "atrium",
    clientSecret: "atrium-client-secret",
    redirectUri: `${api}/auth/sso/${oidcProviderId}/oidc/callback`,
  });
});

afterAll(async () => {
  await app?.close();
  await samlIdp?.close();
  await oidcIdp?.close();
});

describe("SAML 2.0", () => {
  it("accepts a signed assertion: SP-initiated redirect, ACS POST, JIT user with mapped role, tokens", async () => {
    samlIdp.next = { user: { nameId: "sam", email: "sam@acme.test", group: "vdi-admins" }, variant: {} };
    const landing = await browse(samlLogin(), RETURN);
    expect(landing.error).toBeNull();
    const result = dataOf(await redeem(landing.ticket)).redeemSignInTicket;
    expect(result).toMatchObject({
      __typename: "AuthPayload",
      viewer: { username: "sam", roles: ["TENANT_ADMIN"], tenantSlug: "acme" },
    });
    const sam = await app.database.dataSource
      .getRepository(User)
      .findOneByOrFail({ tenantId: acme.tenant.id, username: "sam" });
    expect(sam).toMatchObject({ source: "saml", email: "sam@acme.test" });
    // A ticket works once.
    expect((await redeem(landing.ticket)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["unsigned", { unsigned: true }, /Invalid signature/],
    ["signed by an untrusted key", { foreignKey: true }, /Invalid signature/],
    ["for another audience", { audience: "urn:atrium:sp:someone-else" }, /audience mismatch/],
    ["expired", { shiftMs: -3_600_000 }, /No valid subject confirmation/],
  ])("rejects an assertion %s", async (_label, variant, reason) => {
    samlIdp.next = { user: { nameId: "mallory", email: "m@acme.test", group: "vdi-admins" }, variant };
    const before = await app.database.dataSource
      .getRepository(LoginEvent)
      .countBy({ providerKind: "saml", outcome: "failure" });
    const landing = await browse(samlLogin(), RETURN);
    expect(landing).toMatchObject({ ticket: null, error: "sso_failed" });
    expect(
      await app.database.dataSource.getRepository(LoginEvent).countBy({ providerKind: "saml", outcome: "failure" }),
    ).toBe(before + 1);
    expect(await app.database.dataSource.getRepository(User).countBy({ username: "mallory" })).toBe(0);
    expect(await latestFailure()).toMatch(reason);
  });

  it("rejects a replayed response", async () => {
    samlIdp.next = { user: { nameId: "rita", email: "rita@acme.test", group: "staff" }, variant: {} };
    let posted: PostedForm | undefined;
    const first = await browse(samlLogin(), RETURN, { onForm: (form) => (posted = form) });
    expect(first.ticket).not.toBeNull();
    const replay = await browse(posted!.action, RETURN, { post: new URLSearchParams(posted!.fields) });
    expect(replay).toMatchObject({ ticket: null, error: "sso_failed" });
    expect(await latestFailure()).toMatch(/InResponseTo is not valid|already used/);
  });

  it("keeps a sign-in in progress at one provider when another provider refuses a POST naming its request", async () => {
    // A second SAML provider of the same tenant, whose IdP certificate is not the one that signs: it refuses all.
    const other = await createProvider(app, acme.adminToken, {
      name: "acme-saml-other",
      settings: {
        saml: {
          ssoUrl: samlIdp.ssoUrl,
          idpCertificates: [createSigningKey("another IdP").certificatePem],
          idpEntityId: samlIdp.entityId,
        },
      },
    });
    samlIdp.next = { user: { nameId: "tina", email: "tina@acme.test", group: "staff" }, variant: {} };
    let posted: PostedForm | undefined;
    const held = new Error("hold the response");
    // The IdP answered; the browser has not posted to our ACS yet.
    await expect(
      browse(samlLogin(), RETURN, {
        onForm: (form) => {
          posted = form;
          throw held;
        },
      }),
    ).rejects.toBe(held);
    const response = new URLSearchParams(posted!.fields);
    const refused = await browse(`${api}/auth/sso/${other.id}/saml/acs`, RETURN, { post: response });
    expect(refused).toMatchObject({ ticket: null, error: "sso_failed" });
    const landing = await browse(posted!.action, RETURN, { post: response });
    expect(landing.error).toBeNull();
    expect(dataOf(await redeem(landing.ticket)).redeemSignInTicket).toMatchObject({ viewer: { username: "tina" } });
  });

  it("serves per-provider SP metadata", async () => {
    const response = await fetch(`${api}/auth/sso/${samlProviderId}/saml/metadata`);
    const xml = await response.text();
    expect(xml).toContain(`entityID="urn:atrium:sp:${samlProviderId}"`);
    expect(xml).toContain(`/auth/sso/${samlProviderId}/saml/acs`);
    expect(xml).toContain('WantAssertionsSigned="true"');
  });

  it("takes its settings from the IdP's metadata document", async () => {
    const created = await app.gql<{ createIdentityProvider: { id: string; settings: Record<string, unknown> } }>(
      `mutation($input: CreateIdentityProviderInput!) {
        createIdentityProvider(input: $input) { id settings { ... on SamlSettings { ssoUrl idpEntityId idpCertificates } } }
      }`,
      { input: { name: "from-metadata", enabled: false, settings: { saml: { metadataXml: samlIdp.metadataXml } } } },
      acme.adminToken,
    );
    const { settings, id } = dataOf(created).createIdentityProvider;
    const body = samlIdp.certificatePem.replace(/-----[A-Z ]+-----|\s+/g, "");
    expect(settings).toEqual({ ssoUrl: samlIdp.ssoUrl, idpEntityId: samlIdp.entityId, idpCertificates: [body] });
    const test = await app.gql<{ testIdentityProvider: { ok: boolean } }>(
      `mutation($id: ID!) { testIdentityProvider(id: $id) { ok detail } }`,
      { id },
      acme.adminToken,
    );
    expect(dataOf(test).testIdentityProvider.ok).toBe(true);
  });

  it("never starts tenant A's IdP from tenant B's URL", async () => {
    const response = await fetch(samlLogin("globex"), { redirect: "manual" });
    expect(response.status).toBe(404);
    const viaOidc = await fetch(`${api}/auth/sso/${oidcProviderId}/login?tenant=acme`, { redirect: "manual" });
    expect(viaOidc.status).toBe(404);
  });
});

describe("OpenID Connect", () => {
  it("signs in with the authorization code flow and PKCE, mapping the groups claim", async () => {
    const landing = await browse(`${api}/auth/sso/${oidcProviderId}/login?tenant=globex&returnTo=${RETURN}`, RETURN);
    expect(landing.error).toBeNull();
    const result = dataOf(await redeem(landing.ticket)).redeemSignInTicket;
    expect(result).toMatchObject({
      __typename: "AuthPayload",
      viewer: { username: "olivia", roles: ["TENANT_HELPDESK"], tenantSlug: "globex" },
    });
    const olivia = await app.database.dataSource
      .getRepository(User)
      .findOneByOrFail({ tenantId: globex.tenant.id, username: "olivia" });
    expect(olivia).toMatchObject({ source: "oidc", email: "olivia@globex.test", displayName: "Olivia O" });
    expect(
      await app.database.dataSource.getRepository(User).countBy({ tenantId: acme.tenant.id, username: "olivia" }),
    ).toBe(0);
  });

  it("rejects a callback with a state it did not issue", async () => {
    const landing = await browse(`${api}/auth/sso/${oidcProviderId}/oidc/callback?code=forged&state=forged`, RETURN);
    expect(landing).toMatchObject({ ticket: null, error: "sso_failed" });
    const event = await app.database.dataSource
      .getRepository(LoginEvent)
      .findOneBy({ providerKind: "oidc", outcome: "failure" });
    expect(event?.reason).toContain("state");
  });

  it("reports the OIDC test connection", async () => {
    const test = dataOf(
      await app.gql<{ testIdentityProvider: { ok: boolean } }>(
        `mutation($id: ID!) { testIdentityProvider(id: $id) { ok detail } }`,
        { id: oidcProviderId },
        globex.adminToken,
      ),
    );
    expect(test.testIdentityProvider.ok).toBe(true);
  });
});
