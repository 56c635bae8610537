import { describe, expect, it } from "vitest";
import { powerStep } from "./desktop-lifecycle.js";

describe("powerStep", () => {
  it("picks the next Nova action towards the desired power state", () => {
    expect(powerStep("ACTIVE", "running")).toBeNull();
    expect(powerStep("ACTIVE", "stopped")).toBe("stop");
    expect(powerStep("SHUTOFF", "running")).toBe("start");
    expect(powerStep("SUSPENDED", "running")).toBe("resume");
    expect(powerStep("SHELVED_OFFLOADED", "running")).toBe("unshelve");
    expect(powerStep("ACTIVE", "shelved")).toBe("shelve");
    // Two steps: a suspended desktop must resume before it can be stopped.
    expect(powerStep("SUSPENDED", "stopped")).toBe("resume");
    expect(powerStep("BUILD", "stopped")).toBeNull();
  });
});
