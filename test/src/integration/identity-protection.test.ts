import { AuditEvent, IdentityProvider, LoginEvent } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin, createTenantWithPeople, PASSWORD, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { CREATE_PROVIDER, createProvider, signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

// Throttling/lockout, LoginEvents, provider CRUD isolation between tenants, write-only secrets and bad input.
let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;
let mspToken: string;

const LDAP = {
  urls: ["ldap://127.0.0.1:1389"],
  bindDn: "cn=svc-reader,ou=acme,dc=example,dc=test",
  searchBase: "ou=acme,dc=example,dc=test",
};

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  mspToken = await createMspAdmin(app);
});

afterAll(async () => {
  await app?.close();
});

describe("throttling and lockout", () => {
  it("locks a user name after repeated failures, for known and unknown names alike, then lets it in again", async () => {
    await updateSettings(app, acme.adminToken, { userFailureLimit: 3, ipFailureLimit: 1000, lockoutSeconds: 120 });
    // From an address neither account ever signed in from (throttle-model.test.ts: the owner's own addresses).
    const elsewhere = { "x-forwarded-for": "203.0.113.7" };
    for (const username of ["helpdesk", "ghost"]) {
      for (let i = 0; i < 3; i++) {
        const result = await signInWithPassword(app, { username, password: "wrong", tenant: "acme" }, elsewhere);
        expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
      }
      // Locked: even the right password is refused, with the same answer for a real and an invented name.
      const locked = await signInWithPassword(app, { username, password: PASSWORD, tenant: "acme" }, elsewhere);
      expect(locked.errors?.[0]).toMatchObject({
        message: "Too many failed sign-in attempts; try again later",
        extensions: { code: "RATE_LIMITED" },
      });
    }
    // Other users of the tenant are unaffected.
    expect(
      dataOf(await signInWithPassword(app, { username: "user1", password: PASSWORD, tenant: "acme" })),
    ).toBeTruthy();
    app.clock.advance(121_000);
    const after = dataOf(await signInWithPassword(app, { username: "helpdesk", password: PASSWORD, tenant: "acme" }));
    expect(after.signInWithPassword.__typename).toBe("AuthPayload");
  });

  it("throttles a source address that fails across many names", async () => {
    await updateSettings(app, globex.adminToken, { userFailureLimit: 100, ipFailureLimit: 4, lockoutSeconds: 60 });
    for (let i = 0; i < 4; i++) {
      await signInWithPassword(app, { username: `spray-${i}`, password: "wrong", tenant: "globex" });
    }
    const blocked = await signInWithPassword(app, { username: "admin", password: PASSWORD, tenant: "globex" });
    expect(errorCodes(blocked)).toEqual(["RATE_LIMITED"]);
    const events = await app.database.dataSource
      .getRepository(LoginEvent)
      .findBy({ tenantId: globex.tenant.id, outcome: "locked" });
    expect(events.map((event) => event.reason)).toContain("ip_locked");
    app.clock.advance(61_000);
    expect(
      dataOf(await signInWithPassword(app, { username: "admin", password: PASSWORD, tenant: "globex" })),
    ).toBeTruthy();
  });

  it("leaves a LoginEvent for every attempt, readable by the tenant admin only for their tenant", async () => {
    const before = await app.database.dataSource.getRepository(LoginEvent).count();
    await signInWithPassword(app, { username: "user1", password: PASSWORD, tenant: "acme" });
    await signInWithPassword(app, { username: "user1", password: "nope", tenant: "acme" });
    await signInWithPassword(app, { username: "user1", password: PASSWORD, tenant: "no-such-tenant" });
    expect(await app.database.dataSource.getRepository(LoginEvent).count()).toBe(before + 3);
    const query = `{ loginEvents(first: 200) { nodes { username outcome providerKind clientIp reason } } }`;
    const acmeEvents = dataOf(
      await app.gql<{ loginEvents: { nodes: { username: string; reason: string | null }[] } }>(
        query,
        {},
        acme.adminToken,
      ),
    );
    expect(acmeEvents.loginEvents.nodes[0]).toMatchObject({
      username: "user1",
      clientIp: "127.0.0.1",
      providerKind: "LOCAL",
    });
    expect(acmeEvents.loginEvents.nodes.some((event) => event.username.startsWith("spray-"))).toBe(false);
    expect(errorCodes(await app.gql(query, {}, acme.userToken))).toEqual(["FORBIDDEN"]);
  });
});

describe("identity provider administration", () => {
  let acmeProviderId: string;
  const ldap = (extra: Record<string, unknown> = {}) => ({ ldap: { ...LDAP, bindPassword: "s3cret-pass", ...extra } });
  const LDAP_SETTINGS = `settings { __typename ... on LdapSettings { urls security loginAttribute nestedGroupDepth } }`;

  it("creates a provider with typed settings, never returning its secret, and audits the change", async () => {
    const result = dataOf(
      await app.gql<{ createIdentityProvider: Record<string, unknown> }>(
        `mutation($input: CreateIdentityProviderInput!) {
          createIdentityProvider(input: $input) { id kind hasSecret ${LDAP_SETTINGS} }
        }`,
        { input: { name: "corp-ad", settings: { ldap: { ...LDAP, bindPassword: "Acme-Svc-Reader-1" } } } },
        acme.adminToken,
      ),
    ).createIdentityProvider;
    acmeProviderId = result.id as string;
    // The kind follows from the settings given, and the defaults of the fields left out are shown.
    expect(result).toMatchObject({
      kind: "LDAP",
      hasSecret: true,
      settings: { __typename: "LdapSettings", urls: LDAP.urls, security: "NONE", loginAttribute: "UID" },
    });
    expect(result.settings).toMatchObject({ nestedGroupDepth: 5 });
    expect(JSON.stringify(result)).not.toContain("Acme-Svc-Reader-1");
    const row = await app.database.dataSource.getRepository(IdentityProvider).findOneByOrFail({ id: acmeProviderId });
    expect(row.config).not.toHaveProperty("bindPassword");
    expect(row.secretEnc).not.toContain("Acme-Svc-Reader-1");
    expect(app.services.secretBox.open(row.secretEnc!)).toBe("Acme-Svc-Reader-1");
    const audit = await app.database.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: "createIdentityProvider" });
    expect(JSON.stringify(audit)).not.toContain("Acme-Svc-Reader-1");
    expect(audit.after).toMatchObject({ secretEnc: "[redacted]" });
    // There is no field to read a secret back: asking for one is refused before anything runs.
    const ask = await app.gql(
      `{ identityProviders { settings { ... on LdapSettings { bindPassword } } } }`,
      {},
      acme.adminToken,
    );
    expect(errorCodes(ask)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("keeps tenants' providers apart: B sees and changes nothing of A's", async () => {
    const list = dataOf(
      await app.gql<{ identityProviders: { id: string }[] }>(`{ identityProviders { id } }`, {}, globex.adminToken),
    );
    expect(list.identityProviders).toEqual([]);
    const read = await app.gql(
      `query($id: ID!) { identityProvider(id: $id) { id } }`,
      { id: acmeProviderId },
      globex.adminToken,
    );
    expect(errorCodes(read)).toEqual(["NOT_FOUND"]);
    for (const mutation of [
      `mutation($id: ID!) { updateIdentityProvider(id: $id, input: { name: "pwned" }) { id } }`,
      `mutation($id: ID!) { deleteIdentityProvider(id: $id) { id } }`,
      `mutation($id: ID!) { testIdentityProvider(id: $id) { ok } }`,
    ]) {
      expect(errorCodes(await app.gql(mutation, { id: acmeProviderId }, globex.adminToken))).toEqual(["NOT_FOUND"]);
    }
    const row = await app.database.dataSource.getRepository(IdentityProvider).findOneByOrFail({ id: acmeProviderId });
    expect(row.name).toBe("corp-ad");
    // Nor does the MSP's own provider list include tenant providers.
    const msp = dataOf(await app.gql<{ identityProviders: unknown[] }>(`{ identityProviders { id } }`, {}, mspToken));
    expect(msp.identityProviders).toEqual([]);
  });

  it("lets only admins manage providers", async () => {
    for (const token of [acme.helpdeskToken, acme.userToken]) {
      expect(errorCodes(await app.gql(`{ identityProviders { id } }`, {}, token))).toEqual(["FORBIDDEN"]);
    }
  });

  it("updates partially, keeping the stored secret, and refuses settings of the wrong shape or kind", async () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateIdentityProviderInput!) {
      updateIdentityProvider(id: $id, input: $input) { name hasSecret ${LDAP_SETTINGS} }
    }`;
    const update = (input: Record<string, unknown>) => app.gql(UPDATE, { id: acmeProviderId, input }, acme.adminToken);
    const renamed = dataOf(await update({ name: "corp-ad-2", enabled: false })) as Record<string, unknown>;
    expect(renamed.updateIdentityProvider).toMatchObject({ name: "corp-ad-2", hasSecret: true });
    // New settings without the password keep the stored one.
    const moved = { ...LDAP, urls: ["ldap://127.0.0.1:1390"], loginAttribute: "MAIL" };
    const resettled = dataOf(await update({ settings: { ldap: moved } })) as Record<string, unknown>;
    expect(resettled.updateIdentityProvider).toMatchObject({
      settings: { urls: ["ldap://127.0.0.1:1390"], loginAttribute: "MAIL" },
    });
    const row = await app.database.dataSource.getRepository(IdentityProvider).findOneByOrFail({ id: acmeProviderId });
    expect(app.services.secretBox.open(row.secretEnc!)).toBe("Acme-Svc-Reader-1");
    expect(row.config).toMatchObject({ urls: ["ldap://127.0.0.1:1390"], loginAttribute: "mail" });

    const wrongShape = await update({ settings: { ldap: { ...LDAP, urls: ["http://not-ldap"] } } });
    expect(wrongShape.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fields: [{ field: "settings.ldap.urls", messages: ["urls.0 must be ldap://host[:port] or ldaps://host[:port]"] }],
    });
    const otherKind = await update({ settings: { oidc: { issuer: "https://login.example.test/", clientId: "c" } } });
    expect(otherKind.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "settings" });
    const after = await app.database.dataSource.getRepository(IdentityProvider).findOneByOrFail({ id: acmeProviderId });
    expect(after).toEqual(row);
  });

  it("rejects bad input with BAD_USER_INPUT", async () => {
    const oidc = { issuer: "https://login.example.test/", clientId: "c" };
    const cases: Record<string, unknown>[] = [
      { name: "x", settings: {} },
      { name: "x", settings: { ldap: { ...LDAP, bindPassword: "s" }, oidc } },
      { name: "x", settings: { kerberos: { realm: "EXAMPLE" } } },
      { name: "x", settings: { ldap: LDAP } },
      { name: "x", settings: ldap({ userFilter: "(uid=*))(|(uid=*" }) },
      { name: "x", settings: ldap({ security: "LDAPS" }) },
      { name: "x", settings: ldap({ loginAttribute: "sAMAccountName" }) },
      { name: "x", settings: { radius: { servers: [{ host: "127.0.0.1" }], secret: "short" } } },
      { name: "x", settings: { oidc: { ...oidc, issuer: "not a url" } } },
      { name: "x", settings: { saml: { ssoUrl: "https://idp.test/sso", idpCertificates: ["not a cert"] } } },
      { name: "x", settings: { saml: { ssoUrl: "https://idp.test/sso" } } },
      { name: "x", settings: ldap(), groupRoleMappings: [{ group: "g", role: "MSP_ADMIN" }] },
      { name: "", settings: ldap() },
    ];
    const before = await app.database.dataSource.getRepository(IdentityProvider).count();
    for (const input of cases) {
      expect(errorCodes(await app.gql(CREATE_PROVIDER, { input }, acme.adminToken)), JSON.stringify(input)).toEqual([
        "BAD_USER_INPUT",
      ]);
    }
    expect(await app.database.dataSource.getRepository(IdentityProvider).count()).toBe(before);
    const duplicate = await app.gql(
      CREATE_PROVIDER,
      { input: { name: "corp-ad-2", settings: ldap() } },
      acme.adminToken,
    );
    expect(errorCodes(duplicate)).toEqual(["CONFLICT"]);
  });

  it("gives the MSP its own staff providers, mapping only MSP roles", async () => {
    const created = await createProvider(app, mspToken, {
      name: "msp-ad",
      settings: ldap(),
      groupRoleMappings: [{ group: "noc", role: "MSP_OPERATOR" }],
    });
    const row = await app.database.dataSource.getRepository(IdentityProvider).findOneByOrFail({ id: created.id });
    expect(row.tenantId).toBeNull();
    const tenantRole = await app.gql(
      CREATE_PROVIDER,
      { input: { name: "msp-2", settings: ldap(), groupRoleMappings: [{ group: "g", role: "TENANT_ADMIN" }] } },
      mspToken,
    );
    expect(errorCodes(tenantRole)).toEqual(["BAD_USER_INPUT"]);
    const fromTenant = await app.gql(
      `query($id: ID!) { identityProvider(id: $id) { id } }`,
      { id: created.id },
      acme.adminToken,
    );
    expect(errorCodes(fromTenant)).toEqual(["NOT_FOUND"]);
  });
});
