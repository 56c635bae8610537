import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff.js";
import { LAST_ERROR_MAX_LENGTH, summarizeError } from "./job.errors.js";

const policy = { baseMs: 1_000, maxMs: 30_000 };

describe("backoffDelayMs", () => {
  it("doubles per attempt between half and all of the step", () => {
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(policy, a, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(policy, a, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it("caps at maxMs however many attempts", () => {
    expect(backoffDelayMs(policy, 6, () => 1)).toBe(30_000);
    expect(backoffDelayMs(policy, 10_000, () => 1)).toBe(30_000);
  });

  it("tolerates a random source outside [0, 1]", () => {
    expect(backoffDelayMs(policy, 1, () => 7)).toBe(1_000);
    expect(backoffDelayMs(policy, 1, () => -1)).toBe(500);
  });
});

describe("summarizeError", () => {
  it("keeps the message only, never the stack or properties", () => {
    const error = Object.assign(new Error("boom"), { config: { headers: { authorization: "Bearer s3cret" } } });
    expect(summarizeError(error)).toBe("Error: boom");
  });

  it("masks credentials embedded in URLs", () => {
    expect(summarizeError(new Error("connect to postgres://app:hunter2@db:5432/x failed"))).toBe(
      "Error: connect to postgres://***@db:5432/x failed",
    );
  });

  it("truncates long messages", () => {
    const summary = summarizeError(new Error("x".repeat(10_000)));
    expect(summary).toHaveLength(LAST_ERROR_MAX_LENGTH);
    expect(summary.endsWith("…")).toBe(true);
  });

  it("does not echo thrown non-errors, which may be whole objects", () => {
    expect(summarizeError({ password: "p" })).toBe("non-error thrown: object");
  });
});
