import { describe, expect, it } from "vitest";
import { ensurePackages, runServiceScript } from "./test-services.js";

// The suites' side of test/services/ensure-packages.sh (its decisions are tested in test/src/services): a suite's
// beforeAll fails with the script's one line, not with a wrapper around it.
describe("ensurePackages", () => {
  it("resolves when the area's packages are installed", async () => {
    await expect(ensurePackages("identity")).resolves.toBeUndefined();
  });

  it("rejects with the script's one line as the message", async () => {
    await expect(ensurePackages("no-such-area")).rejects.toThrow(
      /^ensure-packages: no package list \.ci\/apt\/no-such-area\.txt$/,
    );
  });
});

describe("runServiceScript", () => {
  it("rejects with the script, its command and what it printed", async () => {
    await expect(runServiceScript("radius.sh", ["bogus"])).rejects.toThrow("radius.sh bogus exited with 2: usage: ");
  });
});
