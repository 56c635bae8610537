import { type Dialect, type SqlStatement, timestampParam } from "../dialect.js";

export interface ClaimParams {
  workerId: string;
  now: Date;
  lockedUntil: Date;
  limit: number;
}

/** Columns every claim returns, aliased the same way on both dialects. */
const CLAIM_COLUMNS = [
  ["id", "id"],
  ["name", "name"],
  ["payload", "payload"],
  ["attempts", "attempts"],
  ["max_attempts", "maxAttempts"],
  ["tenant_id", "tenantId"],
] as const;

// Due work: queued and its time has come, or running under a worker whose visibility timeout passed (crashed).
const DUE = `("status" = 'queued' AND "run_at" <= {now}) OR ("status" = 'running' AND "locked_until" < {now})`;

/**
 * Claims up to `limit` due jobs in one statement, so two workers never get the same row: PostgreSQL skips rows
 * another claimer has locked (SKIP LOCKED) and SQL Server reads past them (READPAST). TypeORM cannot emit READPAST
 * (it drops it for mssql), hence hand-written SQL. The claim bumps `attempts`, so a crash mid-run still counts.
 */
export function buildClaimSql(dialect: Dialect, params: ClaimParams): SqlStatement {
  if (!Number.isInteger(params.limit) || params.limit < 1) throw new Error("claim limit must be a positive integer");
  if (dialect === "mssql") {
    // TypeORM stores simple-json as the deprecated ntext type on SQL Server, which OUTPUT handles poorly, so the
    // payloads of the claimed rows are read by a second query (see `claimJobs`).
    const output = CLAIM_COLUMNS.filter(([column]) => column !== "payload")
      .map(([column, alias]) => `inserted."${column}" AS "${alias}"`)
      .join(", ");
    return {
      // Updating through a TOP…ORDER BY CTE is SQL Server's queue idiom: UPDLOCK keeps the rows ours until the
      // statement ends, READPAST skips rows other claimers hold, ROWLOCK stops escalation to page locks.
      sql:
        `WITH "next" AS (SELECT TOP (@0) * FROM "job" WITH (UPDLOCK, READPAST, ROWLOCK) ` +
        `WHERE ${DUE.replaceAll("{now}", "@1")} ORDER BY "run_at") ` +
        `UPDATE "next" SET "status" = 'running', "locked_by" = @2, "locked_until" = @3, ` +
        `"attempts" = "attempts" + 1, "updated_at" = @1 OUTPUT ${output}`,
      parameters: [
        params.limit,
        timestampParam(dialect, params.now),
        params.workerId,
        timestampParam(dialect, params.lockedUntil),
      ],
    };
  }
  const returning = CLAIM_COLUMNS.map(([column, alias]) => `"job"."${column}" AS "${alias}"`).join(", ");
  return {
    // MATERIALIZED keeps the locking sub-select evaluated exactly once, so LIMIT bounds what the UPDATE touches.
    sql:
      `WITH "next" AS MATERIALIZED (SELECT "id" FROM "job" WHERE ${DUE.replaceAll("{now}", "$1")} ` +
      `ORDER BY "run_at" LIMIT $2 FOR UPDATE SKIP LOCKED) ` +
      `UPDATE "job" SET "status" = 'running', "locked_by" = $3, "locked_until" = $4, ` +
      `"attempts" = "job"."attempts" + 1, "updated_at" = $1 FROM "next" WHERE "job"."id" = "next"."id" ` +
      `RETURNING ${returning}`,
    parameters: [params.now, params.limit, params.workerId, params.lockedUntil],
  };
}

export interface JobInsert {
  tenantId: string | null;
  name: string;
  /** Already serialised JSON (the column is `simple-json`, i.e. text). */
  payload: string;
  maxAttempts: number;
  runAt: Date;
  dedupeKey: string | null;
}

/**
 * `active`: no other queued or running job with the key (what the unique filtered index `uq_job_dedupe` enforces).
 * `ever`: no job with the key at all, whatever its status — periodic work uses it so a period that already ran is
 * not run again by a worker that ticks late.
 */
export type DedupeScope = "active" | "ever";

/**
 * Inserts a job and returns its id, or returns no row when the dedupe key is taken. A plain INSERT would raise a
 * unique violation, which aborts the caller's whole PostgreSQL transaction; ON CONFLICT DO NOTHING does not.
 * SQL Server has no ON CONFLICT, so the insert is guarded by NOT EXISTS under a key-range lock (UPDLOCK, HOLDLOCK)
 * that serialises concurrent enqueuers of the same key.
 */
export function buildInsertJobSql(dialect: Dialect, job: JobInsert, scope: DedupeScope = "active"): SqlStatement {
  const columns = `"tenant_id", "name", "payload", "max_attempts", "run_at", "dedupe_key"`;
  const values: unknown[] = [job.tenantId, job.name, job.payload, job.maxAttempts, job.runAt, job.dedupeKey];
  const statusFilter = scope === "active" ? ` AND "status" IN ('queued', 'running')` : "";
  if (dialect === "mssql") {
    const select = `SELECT @0, @1, @2, @3, @4, @5`;
    const guard =
      job.dedupeKey === null
        ? ""
        : ` WHERE NOT EXISTS (SELECT 1 FROM "job" WITH (UPDLOCK, HOLDLOCK) WHERE "dedupe_key" = @5${statusFilter})`;
    values[4] = timestampParam(dialect, job.runAt);
    return { sql: `INSERT INTO "job" (${columns}) OUTPUT inserted."id" AS "id" ${select}${guard}`, parameters: values };
  }
  // INSERT … SELECT gives parameters no column context, so each one is cast to its column's type.
  const select = `SELECT $1::uuid, $2::varchar, $3::text, $4::int, $5::timestamptz, $6::varchar`;
  if (job.dedupeKey === null) {
    return { sql: `INSERT INTO "job" (${columns}) ${select} RETURNING "id"`, parameters: values };
  }
  const ever = scope === "ever" ? ` WHERE NOT EXISTS (SELECT 1 FROM "job" WHERE "dedupe_key" = $6)` : "";
  return {
    sql: `INSERT INTO "job" (${columns}) ${select}${ever} ON CONFLICT DO NOTHING RETURNING "id"`,
    parameters: values,
  };
}
