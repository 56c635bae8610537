import http from "node:http";
import type { AddressInfo } from "node:net";
import { leaseSamlIdp, type ServerLease } from "@atrium/api/modules/identity/providers/test-servers";
import { refreshSamlMetadata } from "@atrium/api/modules/identity/sso/saml-metadata-url.service";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { browse, clearCookies } from "../idp/browser.js";
import { type RegisteredSp, registerServiceProvider, SIMPLESAMLPHP } from "../idp/simplesamlphp.js";
import { createSigningKey } from "../idp/test-keys.js";

// SAML set up from the IdP's metadata URL: read when saved (a URL that fails says so, on the metadataUrl field),
// then refreshed hourly, so a signing-certificate rollover (both certificates published during the overlap, then
// only the new one) is followed without an administrator.
const RETURN = "/login/sso";
let app: TestApp;
let lease: ServerLease;
let acme: TenantFixture;
let published = { status: 200, body: "" };
let metadataServer: http.Server;
let metadataUrl = "";
const registered: RegisteredSp[] = [];

const CREATE = `mutation($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) {
  id settings { ... on SamlSettings { metadataUrl ssoUrl idpEntityId idpCertificates } } } }`;
const READ = `query($id: ID!) { identityProvider(id: $id) { settings { ... on SamlSettings { idpCertificates } } } }`;

interface Created {
  createIdentityProvider: { id: string; settings: { metadataUrl: string; ssoUrl: string; idpCertificates: string[] } };
}

const body = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s+/g, "");

/** IdP metadata publishing the given signing certificates. */
function idpMetadata(certificates: string[]): string {
  const keys = certificates.map(
    (pem) =>
      `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
  );
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.rolling.test/saml">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys.join("")}
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.rolling.test/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

const create = (name: string, url: string) =>
  app.gql<Created>(CREATE, { input: { name, settings: { saml: { metadataUrl: url } } } }, acme.adminToken);

async function certificatesOf(id: string): Promise<string[]> {
  const read = dataOf(
    await app.gql<{ identityProvider: { settings: { idpCertificates: string[] } } }>(READ, { id }, acme.adminToken),
  );
  return read.identityProvider.settings.idpCertificates;
}

beforeAll(() => ensurePackages("identity"));
beforeAll(async () => {
  lease = await leaseSamlIdp();
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  metadataServer = http.createServer((_request, response) => {
    response.writeHead(published.status, { "content-type": "application/samlmetadata+xml" }).end(published.body);
  });
  await new Promise<void>((resolve) => metadataServer.listen(0, "127.0.0.1", resolve));
  metadataUrl = `http://127.0.0.1:${(metadataServer.address() as AddressInfo).port}/metadata.xml`;
}, 300_000);

afterAll(async () => {
  for (const sp of registered) sp.remove();
  await new Promise((resolve) => metadataServer?.close(resolve));
  await app?.close();
  await lease?.release();
});

describe("SAML from a metadata URL", () => {
  it("reads SimpleSAMLphp's published metadata and signs alice in with it", async () => {
    const created = dataOf(await create("acme-from-url", SIMPLESAMLPHP.metadataUrl)).createIdentityProvider;
    expect(created.settings).toMatchObject({
      metadataUrl: SIMPLESAMLPHP.metadataUrl,
      ssoUrl: SIMPLESAMLPHP.ssoUrl,
      idpEntityId: SIMPLESAMLPHP.entityId,
    });
    expect(created.settings.idpCertificates).toHaveLength(1);
    const api = new URL(app.url).origin;
    registered.push(
      registerServiceProvider({
        entityId: `urn:atrium:sp:${created.id}`,
        acsUrl: `${api}/auth/sso/${created.id}/saml/acs`,
      }),
    );
    clearCookies();
    const landing = await browse(`${api}/auth/sso/${created.id}/login?tenant=acme&returnTo=${RETURN}`, RETURN, {
      credentials: { username: "alice", password: SIMPLESAMLPHP.users.alice.password },
    });
    expect(landing.error).toBeNull();
    expect(landing.ticket).not.toBeNull();
  });

  it.each([
    ["answers 404", { status: 404, body: "not here" }, /answered HTTP 404/],
    ["serves a web page", { status: 200, body: "<html><form>sign in</form></html>" }, /not SAML IdP metadata/],
  ])("names the metadata URL when it %s", async (_label, page, message) => {
    published = page;
    const result = await create("acme-broken-url", metadataUrl);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "metadataUrl" });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.errors?.[0]?.message).toContain(metadataUrl);
  });

  it("follows a signing-certificate rollover at the hourly refresh, and keeps its certificates while the IdP is down", async () => {
    const [oldKey, newKey] = [createSigningKey("IdP 2026"), createSigningKey("IdP 2027")];
    published = { status: 200, body: idpMetadata([oldKey.certificatePem]) };
    const { id } = dataOf(await create("acme-rolling", metadataUrl)).createIdentityProvider;
    expect(await certificatesOf(id)).toEqual([body(oldKey.certificatePem)]);

    published = { status: 200, body: idpMetadata([oldKey.certificatePem, newKey.certificatePem]) };
    await refreshSamlMetadata(app.services);
    expect(await certificatesOf(id)).toEqual([body(oldKey.certificatePem), body(newKey.certificatePem)]);

    published = { status: 200, body: idpMetadata([newKey.certificatePem]) };
    await refreshSamlMetadata(app.services);
    expect(await certificatesOf(id)).toEqual([body(newKey.certificatePem)]);

    published = { status: 503, body: "" };
    expect((await refreshSamlMetadata(app.services)).failed).toBeGreaterThan(0);
    expect(await certificatesOf(id)).toEqual([body(newKey.certificatePem)]);
  });
});
