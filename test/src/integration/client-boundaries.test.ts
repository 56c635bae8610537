import { createHmac } from "node:crypto";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { DesktopSession, LoginEvent } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECT, createLocationRow, createPolicyRow, createRuleRow } from "../fixtures/broker-factories.js";
import {
  createCloud,
  createDesktops,
  createPool,
  createTenantWithPeople,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

const REDEEM = `mutation($t: String!) { redeemSignInTicket(input: { ticket: $t }) { __typename } }`;

import { browse } from "../idp/browser.js";
import { createProvider } from "../idp/identity-helpers.js";
import { type OidcIdp, startOidcIdp } from "../idp/oidc-idp.js";

// Issue 12, item 1 at the API's boundaries past sign-in (client-proof.test.ts covers sign-in, the portal's own
// routes are covered in portal/src/app/client-boundaries.test.ts). The API is reached the way the portal reaches it:
// from a peer that is none of the API's proxies. Both tenants allow the office (10.1.0.0/16) and deny where the
// caller really is (loopback and the documentation net), so a forged office address would flip the decision; only
// the portal's signed statement may move it.
const KEY = "portal-client-key-for-the-test-0123456789";
const OFFICE = "10.1.2.3";
const PEER = "127.0.0.1";
const RETURN = "/login/sso";

let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;
let poolId = "";
let oidcIdp: OidcIdp;
let providerId = "";

function proof(address: string, requestId: string): Record<string, string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const mac = createHmac("sha256", KEY).update(`v1;${address};${requestId};${issuedAt}`).digest("base64url");
  return { "x-request-id": requestId, "x-atrium-client": `v1;${address};${issuedAt};${mac}` };
}

/** What a browser that writes its own headers sends: the office as forwarded-for and a proof it cannot sign. */
const forged = (requestId: string) => ({
  "x-request-id": requestId,
  "x-forwarded-for": OFFICE,
  "x-real-ip": OFFICE,
  "x-atrium-client": `v1;${OFFICE};${Math.floor(Date.now() / 1000)};forged`,
});

async function officeOnly(fixture: TenantFixture, policy: Parameters<typeof createRuleRow>[4]) {
  const office = await createLocationRow(app, fixture.tenant, "Office", ["10.1.0.0/16"]);
  const outside = await createLocationRow(app, fixture.tenant, "Outside", [
    "127.0.0.0/8",
    "::1/128",
    "198.51.100.0/24",
  ]);
  await createRuleRow(app, fixture.tenant, 10, { locationIds: [office.id] }, policy);
  await createRuleRow(app, fixture.tenant, 20, { locationIds: [outside.id] }, "deny");
}

beforeAll(() => ensurePackages("identity"));
beforeAll(async () => {
  app = await startTestApp({ TRUSTED_PROXIES: "", ATRIUM_PORTAL_CLIENT_KEY: KEY });
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  const pool = await createPool(app, acme.tenant, await createCloud(app), "general");
  await createDesktops(app, pool, 2);
  poolId = pool.id;
  await officeOnly(acme, { policy: await createPolicyRow(app, acme.tenant, "General", [pool]) });

  const api = new URL(app.url).origin;
  oidcIdp = await startOidcIdp({
    "acct-1": { preferred_username: "olivia", email: "olivia@globex.test", name: "Olivia O", groups: [] },
  });
  providerId = (
    await createProvider(app, globex.adminToken, {
      name: "globex-oidc",
      settings: { oidc: { issuer: oidcIdp.issuer, clientId: "atrium", clientSecret: "atrium-client-secret" } },
    })
  ).id;
  oidcIdp.configure({
    clientId: "atrium",
    clientSecret: "atrium-client-secret",
    redirectUri: `${api}/auth/sso/${providerId}/oidc/callback`,
  });
  await officeOnly(globex, { policy: await createPolicyRow(app, globex.tenant, "Nothing", []) });
});

afterAll(async () => {
  await app?.close();
  await oidcIdp?.close();
});

describe("a forged client address at connect", () => {
  it("does not pick the office: the connect is refused and no session is recorded", async () => {
    const result = await app.gql(CONNECT, { input: { poolId } }, acme.userToken, forged("connect-forged"));
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(result.errors?.[0]?.extensions?.reason).toBe("ACCESS_DENIED");
    expect(await app.database.dataSource.getRepository(DesktopSession).count()).toBe(0);
  });

  it("records the address the portal signed, never the forwarded-for beside it", async () => {
    const headers = { ...proof(OFFICE, "connect-vouched"), "x-forwarded-for": "198.51.100.99" };
    const result = dataOf(
      await app.gql<{ connect: { sessionId: string } }>(CONNECT, { input: { poolId } }, acme.userToken, headers),
    );
    const session = await app.database.dataSource
      .getRepository(DesktopSession)
      .findOneByOrFail({ id: result.connect.sessionId });
    expect(session.clientIp).toBe(OFFICE);
  });
});

describe("a forged client address at SSO", () => {
  // The IdP round trip ends in a one-time ticket; the portal redeems it (with the browser's proof) and that is where
  // the tenant's rules decide and the login history is written.
  const signIn = async (headers: Record<string, string>) => {
    const start = `${new URL(app.url).origin}/auth/sso/${providerId}/login?tenant=globex&returnTo=${RETURN}`;
    const landing = await browse(start, RETURN, { headers });
    expect(landing.error).toBeNull();
    return app.gql<{ redeemSignInTicket: { __typename: string } }>(REDEEM, { t: landing.ticket }, undefined, headers);
  };
  const latestEvent = () =>
    app.database.dataSource
      .getRepository(LoginEvent)
      .findOne({ where: { username: "olivia" }, order: { createdAt: "DESC" } });

  it("does not pick the office: the sign-in is refused and the history holds the real peer", async () => {
    const result = await signIn(forged("sso-forged"));
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(result.errors?.[0]?.extensions?.reason).toBe("ACCESS_DENIED");
    expect(await latestEvent()).toMatchObject({ outcome: "failure", clientIp: PEER });
  });

  it("believes only the portal's signed statement, which lets the office in", async () => {
    const result = await signIn({ ...proof(OFFICE, "sso-vouched"), "x-forwarded-for": "198.51.100.99" });
    expect(dataOf(result).redeemSignInTicket.__typename).toBe("AuthPayload");
    expect(await latestEvent()).toMatchObject({ outcome: "success", clientIp: OFFICE });
  });
});

describe("a forged client address at report download", () => {
  // Nothing at the download depends on where the caller is, so the forged headers must change nothing at all.
  it("answers exactly as for the real peer", async () => {
    const download = (headers: Record<string, string>) =>
      fetch(new URL("/reports/login-history.csv?from=2026-01-01&to=2026-12-31", app.url), {
        headers: { authorization: `Bearer ${globex.adminToken}`, ...headers },
      });
    const plain = await download({ "x-request-id": "report-plain" });
    const spoofed = await download(forged("report-forged"));
    expect(spoofed.status).toBe(200);
    expect(await spoofed.text()).toBe(await plain.text());
  });
});
