import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { createProvider, updateSettings } from "../idp/identity-helpers.js";

// The sign-in page's SSO buttons: a public query that lists only the enabled SAML/OIDC providers of the page's
// tenant — never another tenant's, never directories or RADIUS, never settings or secrets.
let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;
const ids: Record<string, string> = {};

const SSO = `query($tenant: String, $host: String) { ssoProviders(tenant: $tenant, loginHost: $host) { id name kind } }`;
type Buttons = { ssoProviders: { id: string; name: string; kind: string }[] };
const buttons = async (variables: { tenant?: string; host?: string }) =>
  dataOf(await app.gql<Buttons>(SSO, variables)).ssoProviders;

const oidc = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  settings: { oidc: { issuer: "https://login.example.test/", clientId: "atrium", clientSecret: "client-secret-1" } },
  ...extra,
});

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  ids.acmeOidc = (await createProvider(app, acme.adminToken, oidc("Acme Entra ID", { priority: 20 }))).id;
  ids.acmeOff = (await createProvider(app, acme.adminToken, oidc("Acme old IdP", { enabled: false }))).id;
  ids.acmeRadius = (
    await createProvider(app, acme.adminToken, {
      name: "Acme RADIUS",
      settings: { radius: { servers: [{ host: "127.0.0.1", port: 1812 }], secret: "radius-secret-1" } },
    })
  ).id;
  ids.globexOidc = (await createProvider(app, globex.adminToken, oidc("Globex Okta"))).id;
  await updateSettings(app, globex.adminToken, { loginHostname: "desktops.globex.test" });
});

afterAll(async () => {
  await app?.close();
});

describe("ssoProviders (public)", () => {
  it("lists the enabled SAML/OIDC providers of the page's tenant only, without settings", async () => {
    expect(await buttons({ tenant: "acme" })).toEqual([{ id: ids.acmeOidc, name: "Acme Entra ID", kind: "OIDC" }]);
    expect(await buttons({ tenant: "globex" })).toEqual([{ id: ids.globexOidc, name: "Globex Okta", kind: "OIDC" }]);
    // The tenant's login host name selects it as the SSO start endpoint does.
    expect((await buttons({ host: "desktops.globex.test" })).map((b) => b.id)).toEqual([ids.globexOidc]);
  });

  it("answers an unknown tenant, MSP staff without providers and oversized input with nothing", async () => {
    expect(await buttons({ tenant: "no-such-tenant" })).toEqual([]);
    expect(await buttons({})).toEqual([]);
    expect(await buttons({ tenant: "x".repeat(300) })).toEqual([]);
  });

  it("exposes no configuration or secret fields", async () => {
    const result = await app.gql(`query { ssoProviders(tenant: "acme") { id settings } }`);
    expect(errorCodes(result)).toContain("GRAPHQL_VALIDATION_FAILED");
  });
});
