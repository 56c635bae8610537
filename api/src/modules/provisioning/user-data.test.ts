import { describe, expect, it } from "vitest";
import { renderUserData } from "./user-data.js";

const join = { domain: "corp.example", ou: "OU=VDI,DC=corp,DC=example", username: "svc-join", password: "p'w\"d" };

describe("user data", () => {
  it("is absent for pools without a guest agent", () => {
    expect(renderUserData({ kind: "none", hostname: "d1", domainJoin: join, extra: null })).toBeUndefined();
  });

  it("cloud-init sets the hostname and joins the domain into the OU with quoted credentials", () => {
    const text = renderUserData({
      kind: "cloud-init",
      hostname: "acme-001",
      domainJoin: join,
      extra: "timezone: UTC",
    })!;
    expect(text.startsWith("#cloud-config\nhostname: acme-001\n")).toBe(true);
    expect(text).toContain("fqdn: acme-001.corp.example");
    expect(text).toContain("--computer-ou='OU=VDI,DC=corp,DC=example'");
    expect(text).toContain(`printf '%s' 'p'\\\\''w\\"d'`);
    expect(text.trimEnd().endsWith("timezone: UTC")).toBe(true);
  });

  it("cloudbase-init renames and joins in one PowerShell step with the OU path", () => {
    const text = renderUserData({ kind: "cloudbase-init", hostname: "ACME-001", domainJoin: join, extra: null })!;
    expect(text.startsWith("#ps1_sysnative\r\n")).toBe(true);
    expect(text).toContain("Add-Computer -DomainName 'corp.example' -NewName 'ACME-001'");
    expect(text).toContain("-OUPath 'OU=VDI,DC=corp,DC=example'");
    expect(text).toContain("ConvertTo-SecureString 'p''w\"d'");
    const plain = renderUserData({ kind: "cloudbase-init", hostname: "ACME-002", domainJoin: null, extra: null })!;
    expect(plain).toContain("Rename-Computer -NewName 'ACME-002'");
  });
});
