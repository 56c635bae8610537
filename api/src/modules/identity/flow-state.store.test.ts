import type { Database } from "@atrium/migrations";
import { AuthFlowState } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openJobTestDatabase } from "../../jobs/jobs.test-support.js";
import { purgeExpiredFlowStates } from "./flow-state.store.js";

describe("purgeExpiredFlowStates", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openJobTestDatabase("memory://");
  });
  afterAll(async () => {
    await db?.close();
  });

  it("deletes only the flow states whose expiry has passed", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    const states = db.dataSource.getRepository(AuthFlowState);
    const row = (keyHash: string, expiresAt: Date) => ({
      kind: "mfa_challenge" as const,
      keyHash,
      tenantId: null,
      expiresAt,
    });
    await states.save([
      row("expired", new Date(now.getTime() - 1)),
      row("consumed-and-expired", new Date(now.getTime() - 3_600_000)),
      row("live", new Date(now.getTime() + 60_000)),
    ]);
    expect(await purgeExpiredFlowStates(db.dataSource.manager, now)).toBe(2);
    expect((await states.find()).map((state) => state.keyHash)).toEqual(["live"]);
    expect(await purgeExpiredFlowStates(db.dataSource.manager, now)).toBe(0);
  });
});
