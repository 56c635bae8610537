import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LdapProviderConfigInput, ldapProviderConfigSchema } from "./identity-provider.schemas.js";
import { testLdapConnection } from "./ldap-connection.tester.js";
import { LDAP_TEST_DIRECTORY, leaseLdapServer, type ServerLease, unusedTcpPort } from "./test-servers.js";

const { acme } = LDAP_TEST_DIRECTORY.tenants;
const LIVE_PORT = new URL(LDAP_TEST_DIRECTORY.url).port;

function config(overrides: Partial<LdapProviderConfigInput> = {}) {
  return ldapProviderConfigSchema.parse({
    urls: [LDAP_TEST_DIRECTORY.url],
    bindDn: acme.bindDn,
    bindPassword: acme.bindPassword,
    searchBase: acme.searchBase,
    connectTimeoutMs: 2_000,
    ...overrides,
  });
}

let lease: ServerLease;
beforeAll(async () => {
  lease = await leaseLdapServer();
});
afterAll(async () => {
  await lease?.release();
});

describe("testLdapConnection against slapd", () => {
  it("succeeds with a working configuration", async () => {
    const result = await testLdapConnection(config());
    expect(result).toMatchObject({ ok: true, url: LDAP_TEST_DIRECTORY.url });
    expect(result.ok && result.namingContexts).toEqual([LDAP_TEST_DIRECTORY.baseDn]);
  });

  it("names an unreachable server", async () => {
    const result = await testLdapConnection(config({ urls: [`ldap://127.0.0.1:${await unusedTcpPort()}`] }));
    expect(result).toMatchObject({ ok: false, reason: "unreachable" });
  });

  it("names a refused service account", async () => {
    const result = await testLdapConnection(config({ bindPassword: "not-the-password" }));
    expect(result).toMatchObject({ ok: false, reason: "bind_failed", url: LDAP_TEST_DIRECTORY.url });
  });

  it("names a search base that does not exist or is another tenant's", async () => {
    const missing = await testLdapConnection(config({ searchBase: "ou=nowhere,dc=example,dc=test" }));
    expect(missing).toMatchObject({ ok: false, reason: "base_not_found" });
    const foreign = await testLdapConnection(config({ searchBase: "ou=globex,dc=example,dc=test" }));
    expect(foreign).toMatchObject({ ok: false, reason: "base_not_found" });
  });

  it("names TLS failures: StartTLS refused by the server, LDAPS against a plain port", async () => {
    const startTls = await testLdapConnection(config({ security: "starttls" }));
    expect(startTls).toMatchObject({ ok: false, reason: "tls_failed" });
    const ldaps = await testLdapConnection(config({ security: "ldaps", urls: [`ldaps://127.0.0.1:${LIVE_PORT}`] }));
    expect(ldaps).toMatchObject({ ok: false, reason: "tls_failed" });
  });
});
