import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_BACKOFF, DEFAULT_MAX_ATTEMPTS, defineJob, type JobLogger } from "./job-definition.js";

describe("defineJob", () => {
  it("fills in the default retry policy", () => {
    const job = defineJob({ name: "pool.reconcile", payload: z.object({ poolId: z.uuid() }) });
    expect(job).toMatchObject({ maxAttempts: DEFAULT_MAX_ATTEMPTS, backoff: DEFAULT_BACKOFF, transactional: false });
    expect(Object.isFrozen(job)).toBe(true);
  });

  it("refuses names and policies that cannot work", () => {
    const payload = z.object({});
    expect(() => defineJob({ name: "Has Spaces", payload })).toThrow(/job name/);
    expect(() => defineJob({ name: "x".repeat(101), payload })).toThrow(/job name/);
    expect(() => defineJob({ name: "a", payload, maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => defineJob({ name: "a", payload, backoff: { baseMs: 10, maxMs: 5 } })).toThrow(/backoff/);
    expect(() => defineJob({ name: "a", payload, timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it("accepts a pino logger where a JobLogger is expected", () => {
    const logger: JobLogger = pino({ level: "silent" });
    expect(logger.child?.({ jobId: "1" })).toBeDefined();
  });
});
