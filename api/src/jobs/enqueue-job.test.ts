import type { Database } from "@atrium/migrations";
import { Job } from "@atrium/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { enqueueJob } from "./enqueue-job.js";
import { defineJob } from "./job-definition.js";
import { jobTestTargets, openJobTestDatabase } from "./jobs.test-support.js";

const welcomeMail = defineJob({ name: "welcome-mail", payload: z.object({ userId: z.uuid() }), maxAttempts: 3 });
const userId = "7f1c9a52-7d55-4a5e-9d53-0e0b6b1f0c11";
const tenantId = "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b";

describe.each(jobTestTargets())("enqueueJob on $label", ({ url }) => {
  let db: Database;
  beforeAll(async () => {
    db = await openJobTestDatabase(url);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.dataSource.getRepository(Job).deleteAll();
  });
  const jobs = () => db.dataSource.getRepository(Job);

  it("stores a validated job with its definition's retry limit and the tenant", async () => {
    const runAt = new Date("2030-01-01T00:00:00.000Z");
    const id = await enqueueJob(db.dataSource.manager, welcomeMail, { userId }, { runAt, tenantId });
    expect(await jobs().findOneByOrFail({ id })).toMatchObject({
      name: "welcome-mail",
      payload: { userId },
      status: "queued",
      attempts: 0,
      maxAttempts: 3,
      runAt,
      tenantId,
      dedupeKey: null,
    });
  });

  it("refuses an invalid payload before writing anything", async () => {
    await expect(enqueueJob(db.dataSource.manager, welcomeMail, { userId: "nope" })).rejects.toThrow(
      /invalid payload for job welcome-mail/,
    );
    expect(await jobs().count()).toBe(0);
  });

  it("commits with the caller's transaction and disappears when it rolls back", async () => {
    const committed = await db.dataSource.transaction((manager) => enqueueJob(manager, welcomeMail, { userId }));
    let rolledBack = "";
    await expect(
      db.dataSource.transaction(async (manager) => {
        rolledBack = await enqueueJob(manager, welcomeMail, { userId });
        throw new Error("caller failed");
      }),
    ).rejects.toThrow("caller failed");
    expect(rolledBack).not.toBe("");
    expect((await jobs().find()).map((j) => j.id)).toEqual([committed]);
  });

  it("returns the existing job for a duplicate dedupe key without breaking the transaction", async () => {
    const dedupeKey = `welcome:${userId}`;
    const [first, second, afterwards] = await db.dataSource.transaction(async (manager) => {
      const a = await enqueueJob(manager, welcomeMail, { userId }, { dedupeKey });
      const b = await enqueueJob(manager, welcomeMail, { userId }, { dedupeKey });
      // The transaction must still be usable after the skipped insert (PostgreSQL aborts on a unique violation).
      const count = await manager.getRepository(Job).countBy({ dedupeKey });
      return [a, b, count];
    });
    expect(second).toBe(first);
    expect(afterwards).toBe(1);
  });

  it("frees the dedupe key once the job has finished", async () => {
    const dedupeKey = `welcome:${userId}`;
    const first = await enqueueJob(db.dataSource.manager, welcomeMail, { userId }, { dedupeKey });
    await jobs().update({ id: first }, { status: "succeeded" });
    const second = await enqueueJob(db.dataSource.manager, welcomeMail, { userId }, { dedupeKey });
    expect(second).not.toBe(first);
  });

  it("keeps one job per key when many callers enqueue at once", async () => {
    const dedupeKey = "welcome:race";
    const ids = await Promise.all(
      Array.from({ length: 6 }, () =>
        db.dataSource.transaction((manager) => enqueueJob(manager, welcomeMail, { userId }, { dedupeKey })),
      ),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await jobs().countBy({ dedupeKey })).toBe(1);
  });
});
