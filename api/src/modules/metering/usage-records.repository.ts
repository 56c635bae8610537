import type { UsageRecord } from "@atrium/schema";
import { In } from "typeorm";
import type { TenantDb } from "../../db/index.js";
import { normalizeDecimal } from "./usage-decimal.js";

/** Rows per statement: 15 parameters a row stays well under SQL Server's 2,100-parameter limit. */
const CHUNK = 100;

const QUANTITY_KEYS = [
  "poweredOnHours",
  "assignedHours",
  "sessionHours",
  "vcpuHours",
  "ramGbHours",
  "storageGbHours",
] as const;

type RecordValues = Omit<UsageRecord, "id">;

function signature(row: RecordValues): string {
  return [
    row.poolId,
    row.poolName,
    row.flavorRef,
    row.userId ?? "",
    row.username ?? "",
    ...QUANTITY_KEYS.map((key) => normalizeDecimal(row[key])),
  ].join("|");
}

function signaturesByHour(rows: RecordValues[]): Map<number, string> {
  const byHour = new Map<number, string[]>();
  for (const row of rows) {
    const hour = row.hourStart.getTime();
    const list = byHour.get(hour);
    if (list) list.push(signature(row));
    else byHour.set(hour, [signature(row)]);
  }
  return new Map([...byHour].map(([hour, list]) => [hour, list.sort().join("\n")]));
}

/**
 * Replaces the door's tenant's records of `[from, to)` with `rows`, hour by hour, and only the hours whose content changed.
 * Unchanged hours keep their records (ids and `meteredAt`), so a billing system paging the feed while the hourly
 * run re-meters its trailing window is not shown a re-issued copy of an hour that did not change.
 */
export async function replaceChangedHours(
  db: TenantDb,
  range: { from: Date; to: Date },
  rows: RecordValues[],
): Promise<number> {
  const repository = db.usageRecords;
  const current = await repository
    .query("usage")
    .andWhere("usage.hourStart >= :from AND usage.hourStart < :to", range)
    .getMany();
  const before = signaturesByHour(current);
  const after = signaturesByHour(rows);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((h) => before.get(h) !== after.get(h));
  for (let index = 0; index < changed.length; index += CHUNK) {
    const hours = changed.slice(index, index + CHUNK).map((hour) => new Date(hour));
    await repository.delete({ hourStart: In(hours) });
  }
  const changedSet = new Set(changed);
  const fresh = rows.filter((row) => changedSet.has(row.hourStart.getTime()));
  for (let index = 0; index < fresh.length; index += CHUNK) {
    await repository.insertMany(fresh.slice(index, index + CHUNK));
  }
  return changed.length;
}
