import { Job } from "@atrium/schema";
import type { DataSource, EntityManager } from "typeorm";
import { z } from "zod";
import { dialectOf, isUniqueViolation, queryRecords } from "../dialect.js";
import { type TransactionScope, useTenantSetting } from "../tenant-setting.js";
import { buildClaimSql, buildInsertJobSql, type ClaimParams, type DedupeScope, type JobInsert } from "./job-sql.js";

// SQL Server hands uniqueidentifiers back upper-case; everything else in the app compares lower-case uuids.
const uuid = z.string().transform((value) => value.toLowerCase());

const claimedRow = z.object({
  id: uuid,
  name: z.string(),
  payload: z.string(),
  attempts: z.coerce.number().int(),
  maxAttempts: z.coerce.number().int(),
  tenantId: uuid.nullable(),
});

export type ClaimedJob = z.output<typeof claimedRow>;

const idRow = z.object({ id: uuid });

/**
 * The queue serves every tenant (a tenant's transaction enqueues an MSP-wide job, a job's handler finishes the
 * job row): inside a transaction its statements name the bypass, like every other across-tenants statement.
 */
const QUEUE: TransactionScope = { acrossTenants: "job queue: enqueue, dedupe and finish jobs of any tenant" };

async function findByDedupeKey(manager: EntityManager, key: string, scope: DedupeScope): Promise<string | null> {
  await useTenantSetting(manager, QUEUE);
  const query = manager
    .createQueryBuilder(Job, "job")
    .select("job.id", "id")
    .where("job.dedupeKey = :key", { key })
    .orderBy("job.createdAt", "DESC")
    .limit(1);
  if (scope === "active") query.andWhere("job.status IN (:...active)", { active: ["queued", "running"] });
  const row = await query.getRawOne();
  return row ? idRow.parse(row).id : null;
}

/**
 * Inserts a job with the caller's manager, or returns the job already holding its dedupe key. The holder can finish
 * between our skipped insert and the lookup, leaving no row to return — then the key is free and we insert again.
 */
export async function insertJob(
  manager: EntityManager,
  job: JobInsert,
  scope: DedupeScope,
): Promise<{ id: string; created: boolean }> {
  const dialect = dialectOf(manager.dataSource);
  for (let round = 0; round < 3; round++) {
    let rows: unknown[] = [];
    try {
      await useTenantSetting(manager, QUEUE);
      rows = await queryRecords(manager, buildInsertJobSql(dialect, job, scope));
    } catch (error) {
      // Only SQL Server gets here (PostgreSQL uses ON CONFLICT DO NOTHING); its unique violation ends just the
      // statement, so the caller's transaction is still usable for the lookup.
      if (!isUniqueViolation(error) || job.dedupeKey === null) throw error;
    }
    if (rows.length > 0) return { id: idRow.parse(rows[0]).id, created: true };
    if (job.dedupeKey === null) throw new Error("job insert returned no id");
    const existing = await findByDedupeKey(manager, job.dedupeKey, scope);
    if (existing) return { id: existing, created: false };
  }
  throw new Error(`could not enqueue job ${job.name}: dedupe key ${job.dedupeKey} kept changing hands`);
}

export async function claimJobs(dataSource: DataSource, params: ClaimParams): Promise<ClaimedJob[]> {
  const dialect = dialectOf(dataSource);
  const rows = (await queryRecords(dataSource.manager, buildClaimSql(dialect, params))) as Record<string, unknown>[];
  if (dialect === "mssql" && rows.length > 0) {
    // The claim leaves these rows running under our worker id, so reading them afterwards is consistent.
    const payloads = await dataSource
      .getRepository(Job)
      .createQueryBuilder("job")
      .select(["job.id AS id", "job.payload AS payload"])
      .where("job.id IN (:...ids)", { ids: rows.map((row) => row.id) })
      .getRawMany<{ id: string; payload: string }>();
    const byId = new Map(payloads.map((row) => [String(row.id).toLowerCase(), row.payload]));
    for (const row of rows) row.payload = byId.get(String(row.id).toLowerCase());
  }
  return rows.map((row) => claimedRow.parse(row));
}

/** Identifies one claim of one job: a later claim (by anyone, even this worker) bumps `attempts`. */
export interface JobClaim {
  id: string;
  attempts: number;
  workerId: string;
}

type JobUpdate = Partial<Pick<Job, "status" | "runAt" | "lockedBy" | "lockedUntil" | "lastError">>;

/** Changes a job only while this claim still owns it; false means another worker has taken it over. */
async function updateOwned(manager: EntityManager, claim: JobClaim, changes: JobUpdate): Promise<boolean> {
  await useTenantSetting(manager, QUEUE);
  const result = await manager
    .createQueryBuilder()
    .update(Job)
    .set(changes)
    .where("id = :id AND status = :running AND locked_by = :workerId AND attempts = :attempts", {
      id: claim.id,
      running: "running",
      workerId: claim.workerId,
      attempts: claim.attempts,
    })
    .execute();
  return (result.affected ?? 0) > 0;
}

export function extendJobLock(dataSource: DataSource, claim: JobClaim, lockedUntil: Date): Promise<boolean> {
  return updateOwned(dataSource.manager, claim, { lockedUntil });
}

export function completeJob(manager: EntityManager, claim: JobClaim): Promise<boolean> {
  return updateOwned(manager, claim, { status: "succeeded", lockedBy: null, lockedUntil: null, lastError: null });
}

export function retryJob(manager: EntityManager, claim: JobClaim, runAt: Date, lastError: string): Promise<boolean> {
  return updateOwned(manager, claim, { status: "queued", runAt, lockedBy: null, lockedUntil: null, lastError });
}

export function buryJob(manager: EntityManager, claim: JobClaim, lastError: string): Promise<boolean> {
  return updateOwned(manager, claim, { status: "dead", lockedBy: null, lockedUntil: null, lastError });
}
