import { describe, expect, it } from "vitest";
import {
  MAX_WINDOWS_NAME_LENGTH,
  namePatternParts,
  namePatternProblem,
  patternsCollide,
  renderDesktopName,
} from "./name-pattern.js";

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

  it("tells patterns that can give the same name from those that never can", () => {
    const parts = (pattern: string, poolName = "p") => namePatternParts(pattern, { tenantSlug: "acme", poolName });
    const collide = (a: string, b: string, poolA?: string, poolB?: string) =>
      patternsCollide(parts(a, poolA), parts(b, poolB));
    expect(parts("{TENANT}-{POOL}-{SEQ:3}x", "Win 11")).toEqual({ prefix: "acme-win-11-", suffix: "x" });
    expect(collide("{TENANT}-{SEQ:3}", "{TENANT}-{SEQ:3}")).toBe(true);
    // Padding does not keep them apart: acme-1000 comes from both.
    expect(collide("{TENANT}-{SEQ:3}", "{TENANT}-{SEQ:4}")).toBe(true);
    // acme-12 is {SEQ}=12 of the first and {SEQ}=2 of the second.
    expect(collide("{TENANT}-{SEQ}", "{TENANT}-1{SEQ}")).toBe(true);
    expect(collide("d{SEQ}-x", "d{SEQ}1-x")).toBe(true);
    expect(collide("DESK-{SEQ}", "desk-{SEQ}")).toBe(true);
    expect(collide("{TENANT}-{POOL}-{SEQ:3}", "{TENANT}-{POOL}-{SEQ:3}", "sales", "eng")).toBe(false);
    expect(collide("{TENANT}-{SEQ:3}", "{TENANT}-{POOL}-{SEQ:3}", "a", "eng")).toBe(false);
    expect(collide("d{SEQ}-x", "d{SEQ}-y")).toBe(false);
    expect(collide("d{SEQ}", "d{SEQ}a")).toBe(false);
  });
});
