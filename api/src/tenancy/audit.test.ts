import { describe, expect, it } from "vitest";
import { redactSecrets } from "./audit.js";

describe("audit redaction", () => {
  it("redacts secrets at any depth, in objects and in arrays", () => {
    const redacted = redactSecrets({
      name: "corp-ldap",
      settings: { url: "ldaps://dc.example", bindDn: "cn=svc", bindPassword: "hunter2", tls: { privateKey: "PEM" } },
      radius: [{ host: "10.0.0.1", sharedSecret: "s3" }],
      apiKeyId: "1f0c8f0e-0000-4000-8000-000000000000",
      clientSecret: "oidc",
      passwordHash: "$argon2id$",
      tokens: ["a", "b"],
    });
    expect(redacted).toEqual({
      name: "corp-ldap",
      settings: {
        url: "ldaps://dc.example",
        bindDn: "cn=svc",
        bindPassword: "[redacted]",
        tls: { privateKey: "[redacted]" },
      },
      radius: [{ host: "10.0.0.1", sharedSecret: "[redacted]" }],
      apiKeyId: "1f0c8f0e-0000-4000-8000-000000000000",
      clientSecret: "[redacted]",
      passwordHash: "[redacted]",
      tokens: "[redacted]",
    });
    expect(JSON.stringify(redacted)).not.toMatch(/hunter2|PEM|s3"|oidc|argon2/);
  });

  it("keeps dates and plain values, and stops at a depth no input reaches", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(redactSecrets({ at, count: 3, flag: null })).toEqual({ at, count: 3, flag: null });
    let deep: Record<string, unknown> = { password: "x" };
    for (let level = 0; level < 40; level++) deep = { next: deep };
    expect(JSON.stringify(redactSecrets(deep))).not.toContain('"x"');
  });

  it("is null for nothing", () => {
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets(undefined)).toBeNull();
  });
});
