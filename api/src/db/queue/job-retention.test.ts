import type { Database } from "@atrium/migrations";
import { Job } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobTestTargets, openJobTestDatabase } from "../../jobs/jobs.test-support.js";
import { purgeFinishedJobs } from "./job-retention.js";

describe.each(jobTestTargets())("purgeFinishedJobs on $label", ({ url }) => {
  let db: Database;
  beforeAll(async () => {
    db = await openJobTestDatabase(url);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("deletes old succeeded jobs, keeps dead ones unless asked, and never touches live work", async () => {
    const jobs = db.dataSource.getRepository(Job);
    const row = { name: "count", payload: {}, runAt: new Date() };
    await jobs.save([
      { ...row, status: "succeeded" as const },
      { ...row, status: "succeeded" as const },
      { ...row, status: "dead" as const },
      { ...row, status: "queued" as const },
      { ...row, status: "running" as const },
    ]);
    const future = new Date(Date.now() + 3_600_000);

    expect(await purgeFinishedJobs(db.dataSource, new Date(0))).toBe(0);
    expect(await purgeFinishedJobs(db.dataSource, future, { batchSize: 1 })).toBe(1);
    expect(await purgeFinishedJobs(db.dataSource, future)).toBe(1);
    expect((await jobs.find()).map((j) => j.status).sort()).toEqual(["dead", "queued", "running"]);
    expect(await purgeFinishedJobs(db.dataSource, future, { includeDead: true })).toBe(1);
    expect((await jobs.find()).map((j) => j.status).sort()).toEqual(["queued", "running"]);
  });
});
