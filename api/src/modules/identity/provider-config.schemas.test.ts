import { describe, expect, it } from "vitest";
import { checkGroupRoleMappings, checkProviderConfig, toPem } from "./provider-config.schemas.js";

const LDAP = { urls: ["ldap://127.0.0.1:1389"], bindDn: "cn=svc,dc=x", searchBase: "dc=x" };

describe("checkProviderConfig", () => {
  it("splits the secret from the storable configuration and fills defaults", () => {
    const result = checkProviderConfig("ldap", LDAP, "bind-secret");
    expect(result).toMatchObject({
      ok: true,
      secret: "bind-secret",
      config: { loginAttribute: "uid", security: "none" },
    });
    if (result.ok) expect(result.config).not.toHaveProperty("bindPassword");
  });

  it("ignores a secret smuggled inside the configuration", () => {
    const result = checkProviderConfig("ldap", { ...LDAP, bindPassword: "smuggled" }, null);
    expect(result.ok).toBe(false);
    const radius = checkProviderConfig(
      "radius",
      { servers: [{ host: "127.0.0.1" }], secret: "smuggled-secret" },
      "real-secret-1",
    );
    expect(radius).toMatchObject({ ok: true, secret: "real-secret-1" });
    if (radius.ok) expect(JSON.stringify(radius.config)).not.toContain("smuggled");
  });

  it("names the offending field", () => {
    const result = checkProviderConfig("oidc", { issuer: "ftp://x", clientId: "" }, null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.join(" ")).toMatch(/issuer.*http/);
  });

  it("lets an OIDC client be public (no secret) but requires a SAML certificate", () => {
    expect(checkProviderConfig("oidc", { issuer: "https://idp.test", clientId: "atrium" }, null)).toMatchObject({
      ok: true,
      secret: null,
      config: { usePkce: true, groupClaim: "groups" },
    });
    expect(checkProviderConfig("saml", { ssoUrl: "https://idp.test/sso", idpCertificates: [] }, null).ok).toBe(false);
  });
});

describe("checkGroupRoleMappings", () => {
  it("allows tenant roles for tenant providers and MSP roles for MSP providers only", () => {
    expect(checkGroupRoleMappings([{ group: "g", role: "tenant_admin" }], false).ok).toBe(true);
    expect(checkGroupRoleMappings([{ group: "g", role: "msp_admin" }], false).ok).toBe(false);
    expect(checkGroupRoleMappings([{ group: "g", role: "msp_operator" }], true).ok).toBe(true);
    expect(checkGroupRoleMappings([{ group: "g", role: "tenant_user" }], true).ok).toBe(false);
    expect(checkGroupRoleMappings([{ group: "g", role: "root" }], false).ok).toBe(false);
  });
});

describe("toPem", () => {
  it("wraps a bare base64 body from metadata into PEM lines", () => {
    const pem = toPem(` ${"A".repeat(100)} `);
    expect(pem.split("\n")).toEqual([
      "-----BEGIN CERTIFICATE-----",
      "A".repeat(64),
      "A".repeat(36),
      "-----END CERTIFICATE-----",
    ]);
  });
});
