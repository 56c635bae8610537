import { MssqlParameter } from "typeorm";
import { describe, expect, it } from "vitest";
import { buildClaimSql, buildInsertJobSql, type JobInsert } from "./job-sql.js";

const now = new Date("2026-11-26T10:00:00.000Z");
const lockedUntil = new Date("2026-11-26T10:01:00.000Z");
const claim = { workerId: "w1", now, lockedUntil, limit: 3 };

const job: JobInsert = {
  tenantId: null,
  name: "usage-meter",
  payload: '{"hour":"2026-11-26T10"}',
  maxAttempts: 5,
  runAt: now,
  dedupeKey: "usage-meter:2026-11-26T10",
};

describe("claim SQL", () => {
  it("uses a materialised FOR UPDATE SKIP LOCKED sub-select on PostgreSQL", () => {
    const { sql, parameters } = buildClaimSql("postgres", claim);
    expect(sql).toBe(
      `WITH "next" AS MATERIALIZED (SELECT "id" FROM "job" WHERE ("status" = 'queued' AND "run_at" <= $1) ` +
        `OR ("status" = 'running' AND "locked_until" < $1) ORDER BY "run_at" LIMIT $2 FOR UPDATE SKIP LOCKED) ` +
        `UPDATE "job" SET "status" = 'running', "locked_by" = $3, "locked_until" = $4, ` +
        `"attempts" = "job"."attempts" + 1, "updated_at" = $1 FROM "next" WHERE "job"."id" = "next"."id" ` +
        `RETURNING "job"."id" AS "id", "job"."name" AS "name", "job"."payload" AS "payload", ` +
        `"job"."attempts" AS "attempts", "job"."max_attempts" AS "maxAttempts", "job"."tenant_id" AS "tenantId"`,
    );
    expect(parameters).toEqual([now, 3, "w1", lockedUntil]);
  });

  it("uses TOP with UPDLOCK, READPAST, ROWLOCK and OUTPUT on SQL Server", () => {
    const { sql, parameters } = buildClaimSql("mssql", claim);
    expect(sql).toBe(
      `WITH "next" AS (SELECT TOP (@0) * FROM "job" WITH (UPDLOCK, READPAST, ROWLOCK) ` +
        `WHERE ("status" = 'queued' AND "run_at" <= @1) OR ("status" = 'running' AND "locked_until" < @1) ` +
        `ORDER BY "run_at") UPDATE "next" SET "status" = 'running', "locked_by" = @2, "locked_until" = @3, ` +
        `"attempts" = "attempts" + 1, "updated_at" = @1 OUTPUT inserted."id" AS "id", inserted."name" AS "name", ` +
        `inserted."attempts" AS "attempts", ` +
        `inserted."max_attempts" AS "maxAttempts", inserted."tenant_id" AS "tenantId"`,
    );
    expect(parameters).toEqual([
      3,
      new MssqlParameter(now, "datetime2"),
      "w1",
      new MssqlParameter(lockedUntil, "datetime2"),
    ]);
  });

  it("numbers every placeholder it passes a parameter for", () => {
    for (const dialect of ["postgres", "mssql"] as const) {
      const { sql, parameters } = buildClaimSql(dialect, claim);
      const used = new Set([...sql.matchAll(dialect === "postgres" ? /\$(\d+)/g : /@(\d+)/g)].map((m) => Number(m[1])));
      const offset = dialect === "postgres" ? 1 : 0;
      expect([...used].sort()).toEqual(parameters.map((_, i) => i + offset));
    }
  });

  it("refuses a non-positive limit", () => {
    expect(() => buildClaimSql("postgres", { ...claim, limit: 0 })).toThrow(/positive/);
  });
});

describe("insert SQL", () => {
  it("lets PostgreSQL skip a taken dedupe key without aborting the caller's transaction", () => {
    const { sql, parameters } = buildInsertJobSql("postgres", job, "active");
    expect(sql).toBe(
      `INSERT INTO "job" ("tenant_id", "name", "payload", "max_attempts", "run_at", "dedupe_key") ` +
        `SELECT $1::uuid, $2::varchar, $3::text, $4::int, $5::timestamptz, $6::varchar ` +
        `ON CONFLICT DO NOTHING RETURNING "id"`,
    );
    expect(parameters).toEqual([null, "usage-meter", job.payload, 5, now, job.dedupeKey]);
  });

  it("also checks finished jobs on PostgreSQL for the 'ever' scope", () => {
    expect(buildInsertJobSql("postgres", job, "ever").sql).toContain(
      `WHERE NOT EXISTS (SELECT 1 FROM "job" WHERE "dedupe_key" = $6) ON CONFLICT DO NOTHING`,
    );
  });

  it("inserts plainly on PostgreSQL without a dedupe key", () => {
    expect(buildInsertJobSql("postgres", { ...job, dedupeKey: null }).sql).not.toMatch(/CONFLICT|EXISTS/);
  });

  it("guards the SQL Server insert with NOT EXISTS under a key-range lock", () => {
    const { sql, parameters } = buildInsertJobSql("mssql", job, "active");
    expect(sql).toBe(
      `INSERT INTO "job" ("tenant_id", "name", "payload", "max_attempts", "run_at", "dedupe_key") ` +
        `OUTPUT inserted."id" AS "id" SELECT @0, @1, @2, @3, @4, @5 WHERE NOT EXISTS ` +
        `(SELECT 1 FROM "job" WITH (UPDLOCK, HOLDLOCK) WHERE "dedupe_key" = @5 AND "status" IN ('queued', 'running'))`,
    );
    expect(parameters).toEqual([
      null,
      "usage-meter",
      job.payload,
      5,
      new MssqlParameter(now, "datetime2"),
      job.dedupeKey,
    ]);
    expect(buildInsertJobSql("mssql", job, "ever").sql).toMatch(/WHERE "dedupe_key" = @5\)$/);
    expect(buildInsertJobSql("mssql", { ...job, dedupeKey: null }).sql).not.toContain("EXISTS");
  });
});
