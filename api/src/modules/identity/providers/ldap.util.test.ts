import { describe, expect, it } from "vitest";
import { ldapProviderConfigSchema } from "./identity-provider.schemas.js";
import { escapeFilterValue, firstRdnValue, normaliseDn } from "./ldap.util.js";

describe("escapeFilterValue", () => {
  it("escapes every RFC 4515 special character", () => {
    expect(escapeFilterValue("*)(uid=*")).toBe("\\2a\\29\\28uid=\\2a");
    expect(escapeFilterValue("a\\b\u0000")).toBe("a\\5cb\\00");
    expect(escapeFilterValue("zoë@acme.test")).toBe("zoë@acme.test");
  });
});

describe("firstRdnValue", () => {
  it("reads the first RDN value, honouring escapes", () => {
    expect(firstRdnValue("cn=desktop-users,ou=groups,dc=example,dc=test")).toBe("desktop-users");
    expect(firstRdnValue("CN=Smith\\, John,OU=People")).toBe("Smith, John");
    expect(firstRdnValue("cn=caf\\C3\\A9,dc=x")).toBe("café");
    expect(firstRdnValue("not a dn")).toBeUndefined();
  });

  it("normalises DNs for comparison", () => {
    expect(normaliseDn("CN=A, OU=Groups,DC=X")).toBe("cn=a,ou=groups,dc=x");
  });
});

describe("ldapProviderConfigSchema", () => {
  const base = {
    urls: ["ldap://127.0.0.1:1389"],
    bindDn: "cn=svc,dc=x",
    bindPassword: "secret",
    searchBase: "dc=x",
  };

  it("fills defaults", () => {
    const config = ldapProviderConfigSchema.parse(base);
    expect(config).toMatchObject({ security: "none", loginAttribute: "uid", nestedGroupDepth: 5 });
  });

  it("rejects an extra filter that is not one complete filter", () => {
    expect(ldapProviderConfigSchema.safeParse({ ...base, userFilter: "(objectClass=person)" }).success).toBe(true);
    for (const userFilter of ["objectClass=person", "(objectClass=person))(|(uid=*", "(a=b)(c=d)"]) {
      expect(ldapProviderConfigSchema.safeParse({ ...base, userFilter }).success, userFilter).toBe(false);
    }
  });

  it("keeps the URL scheme and the security mode consistent", () => {
    expect(ldapProviderConfigSchema.safeParse({ ...base, security: "ldaps" }).success).toBe(false);
    expect(ldapProviderConfigSchema.safeParse({ ...base, urls: ["ldaps://dc1.example.test"] }).success).toBe(false);
    expect(ldapProviderConfigSchema.safeParse({ ...base, urls: ["http://dc1"] }).success).toBe(false);
  });
});
