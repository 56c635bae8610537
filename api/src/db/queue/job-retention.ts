import { Job } from "@atrium/schema";
import type { DataSource } from "typeorm";

export interface PurgeOptions {
  /** Also delete dead jobs (kept by default: they are what an operator investigates). */
  includeDead?: boolean;
  /** Delete at most this many rows per call, so one purge never holds a long transaction on a busy table. */
  batchSize?: number;
}

/**
 * Deletes finished jobs last touched before `olderThan`. Periodic jobs rely on finished rows to stay deduplicated
 * for their period, so keep at least the longest schedule period.
 */
export async function purgeFinishedJobs(
  dataSource: DataSource,
  olderThan: Date,
  options: PurgeOptions = {},
): Promise<number> {
  const statuses = options.includeDead ? ["succeeded", "dead"] : ["succeeded"];
  const rows = await dataSource
    .getRepository(Job)
    .createQueryBuilder("job")
    .select("job.id", "id")
    .where("job.status IN (:...statuses) AND job.updatedAt < :olderThan", { statuses, olderThan })
    .orderBy("job.updatedAt", "ASC")
    .limit(options.batchSize ?? 1_000)
    .getRawMany<{ id: string }>();
  if (rows.length === 0) return 0;
  const result = await dataSource
    .createQueryBuilder()
    .delete()
    .from(Job)
    // Re-checked here: a row could have changed between the select and the delete.
    .where("id IN (:...ids) AND status IN (:...statuses)", { ids: rows.map((r) => r.id), statuses })
    .execute();
  return result.affected ?? 0;
}
