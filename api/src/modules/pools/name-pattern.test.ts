import { describe, expect, it } from "vitest";
import { MAX_WINDOWS_NAME_LENGTH, namePatternProblem, renderDesktopName } from "./name-pattern.js";

describe("desktop name patterns", () => {
  const ctx = { seq: 7, tenantSlug: "acme", poolName: "Win 11" };

  it("replaces {SEQ}, zero-padded {SEQ:n}, {TENANT} and {POOL}", () => {
    expect(renderDesktopName("desk-{SEQ}", ctx)).toBe("desk-7");
    expect(renderDesktopName("{TENANT}-{POOL}-{SEQ:3}", ctx)).toBe("acme-win-11-007");
    expect(renderDesktopName("d{SEQ:2}", { ...ctx, seq: 1234 })).toBe("d1234");
  });

  it("rejects patterns without exactly one {SEQ}, unknown tokens and non-hostname results", () => {
    expect(namePatternProblem("desk", "acme", "p")).toMatch(/exactly once/);
    expect(namePatternProblem("{SEQ}-{SEQ}", "acme", "p")).toMatch(/exactly once/);
    expect(namePatternProblem("d-{SEQ}-{USER}", "acme", "p")).toMatch(/unknown token/);
    expect(namePatternProblem("d_{SEQ}", "acme", "p")).toMatch(/hostname/);
    expect(namePatternProblem("-{SEQ}", "acme", "p")).toMatch(/hostname/);
    expect(namePatternProblem("{TENANT}-{SEQ:3}", "acme", "p")).toBeNull();
  });

  it("enforces the NetBIOS length for Windows pools, checked with a large sequence number", () => {
    expect(namePatternProblem("{TENANT}-desk-{SEQ:3}", "acme", "p", MAX_WINDOWS_NAME_LENGTH)).toBeNull();
    expect(namePatternProblem("{TENANT}-desktop-{SEQ:3}", "acme", "p", MAX_WINDOWS_NAME_LENGTH)).toMatch(/longer/);
  });
});
