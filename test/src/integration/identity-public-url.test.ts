import https from "node:https";
import { leaseSamlIdp, type ServerLease } from "@atrium/api/modules/identity/providers/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { freePort } from "../fixtures/processes.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { startTlsProxy, type TlsProxy } from "../fixtures/tls-proxy.js";
import { browse, clearCookies, type PostedForm } from "../idp/browser.js";
import { createProvider, type SignInResultShape } from "../idp/identity-helpers.js";
import { type OidcIdp, startOidcIdp } from "../idp/oidc-idp.js";
import { type RegisteredSp, registerServiceProvider, SIMPLESAMLPHP } from "../idp/simplesamlphp.js";

// Behind a TLS-terminating reverse proxy (nginx from Debian, https on its own port, plain http to the API), the
// SSO endpoints the IdPs see are the configured public URL's (ATRIUM_PUBLIC_URL), never the http://127.0.0.1:…
// the API is asked on. SimpleSAMLphp only answers an AuthnRequest whose ACS it has registered (here the https one),
// and the OIDC IdP only accepts its registered https redirect URI: before public URLs, both refused.
const RETURN = "/login/sso";
let app: TestApp;
let proxy: TlsProxy;
let lease: ServerLease;
let oidcIdp: OidcIdp;
let acme: TenantFixture;
let samlId = "";
let oidcId = "";
let registered: RegisteredSp | undefined;

const REDEEM = `mutation($t: String!) { redeemSignInTicket(input: { ticket: $t }) {
  __typename ... on AuthPayload { viewer { username tenantSlug } } } }`;

function getThroughProxy(path: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(`${proxy.url}${path}`, { ca: proxy.ca }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
      })
      .on("error", reject);
  });
}

beforeAll(async () => {
  lease = await leaseSamlIdp();
  const port = await freePort();
  app = await startTestApp({ ATRIUM_PUBLIC_URL: `https://127.0.0.1:${port}/` });
  proxy = await startTlsProxy(port, new URL(app.url).origin);
  acme = await createTenantWithPeople(app, "acme");
  const metadataXml = await (await fetch(SIMPLESAMLPHP.metadataUrl)).text();
  samlId = (
    await createProvider(app, acme.adminToken, {
      name: "acme-simplesamlphp",
      settings: { saml: { metadataXml, usernameAttribute: "uid", emailAttribute: "mail", groupAttribute: "groups" } },
    })
  ).id;
  registered = registerServiceProvider({
    entityId: `urn:atrium:sp:${samlId}`,
    acsUrl: `${proxy.url}/auth/sso/${samlId}/saml/acs`,
  });
  oidcIdp = await startOidcIdp({
    "acct-7": { preferred_username: "olga", email: "olga@acme.test", name: "Olga O", groups: [] },
  });
  oidcId = (
    await createProvider(app, acme.adminToken, {
      name: "acme-oidc",
      settings: { oidc: { issuer: oidcIdp.issuer, clientId: "atrium", clientSecret: "atrium-client-secret" } },
    })
  ).id;
  oidcIdp.configure({
    clientId: "atrium",
    clientSecret: "atrium-client-secret",
    redirectUri: `${proxy.url}/auth/sso/${oidcId}/oidc/callback`,
  });
}, 300_000);

afterAll(async () => {
  registered?.remove();
  await proxy?.close();
  await oidcIdp?.close();
  await app?.close();
  await lease?.release();
});

describe("sign-in through a TLS-terminating reverse proxy", () => {
  it("publishes the https ACS in the SP metadata", async () => {
    const metadata = await getThroughProxy(`/auth/sso/${samlId}/saml/metadata`);
    expect(metadata.status).toBe(200);
    expect(metadata.body).toContain(`Location="${proxy.url}/auth/sso/${samlId}/saml/acs"`);
    expect(metadata.body).not.toContain("http://127.0.0.1");
  });

  it("signs alice in at SimpleSAMLphp, which posts to the https ACS, and lands on the proxy's origin", async () => {
    clearCookies();
    const forms: PostedForm[] = [];
    const landing = await browse(`${proxy.url}/auth/sso/${samlId}/login?tenant=acme&returnTo=${RETURN}`, RETURN, {
      credentials: { username: "alice", password: SIMPLESAMLPHP.users.alice.password },
      ca: proxy.ca,
      onForm: (form) => forms.push(form),
    });
    expect(landing.error).toBeNull();
    expect(new URL(landing.location).origin).toBe(proxy.url);
    expect(forms.at(-1)?.action).toBe(`${proxy.url}/auth/sso/${samlId}/saml/acs`);
    const result = dataOf(await app.gql<{ redeemSignInTicket: SignInResultShape }>(REDEEM, { t: landing.ticket }));
    expect(result.redeemSignInTicket).toMatchObject({ viewer: { username: "alice", tenantSlug: "acme" } });
  });

  it("sends the https OIDC redirect URI, and the callback through the proxy signs the user in", async () => {
    const start = await getThroughProxy(`/auth/sso/${oidcId}/login?tenant=acme&returnTo=${RETURN}`);
    expect(start.status).toBe(302);
    const redirectUri = new URL(start.location ?? "").searchParams.get("redirect_uri");
    expect(redirectUri).toBe(`${proxy.url}/auth/sso/${oidcId}/oidc/callback`);
    clearCookies();
    const landing = await browse(`${proxy.url}/auth/sso/${oidcId}/login?tenant=acme&returnTo=${RETURN}`, RETURN, {
      ca: proxy.ca,
    });
    expect(landing.error).toBeNull();
    const result = dataOf(await app.gql<{ redeemSignInTicket: SignInResultShape }>(REDEEM, { t: landing.ticket }));
    expect(result.redeemSignInTicket).toMatchObject({ viewer: { username: "olga", tenantSlug: "acme" } });
  });
});
