import type { Dialect } from "@atrium/migrations";
import { dialectOf, queryRecords, type SqlStatement } from "../dialect.js";
import type { OneTenantDb } from "../tenant-db.js";
import { useTenantSetting } from "../tenant-setting.js";

const FREE = `"availability" = 'available' AND "assigned_user_id" IS NULL`;
const CLAIMED = `"availability" = 'assigned', "desired_power_state" = 'running', "updated_at" = CURRENT_TIMESTAMP`;

/**
 * One statement that assigns the first still-free desktop of `rankedIds` (best first) to the user. Rows another
 * connect is claiming right now are skipped instead of waited for (SKIP LOCKED / READPAST), so concurrent users
 * spread over the free desktops in one round trip each instead of queueing on the best row's lock. The WHERE is
 * re-checked under the row lock, so no desktop is ever given to two users.
 */
export function buildClaimFirstFreeSql(
  dialect: Dialect,
  tenantId: string,
  rankedIds: readonly string[],
  userId: string,
): SqlStatement {
  if (rankedIds.length === 0) throw new Error("nothing to claim");
  if (dialect === "mssql") {
    const idParams = rankedIds.map((_, index) => `@${index + 2}`);
    const rank = idParams.map((param, index) => `WHEN ${param} THEN ${index}`).join(" ");
    return {
      sql:
        `WITH "pick" AS (SELECT TOP (1) * FROM "desktop" WITH (UPDLOCK, READPAST, ROWLOCK) ` +
        `WHERE "tenant_id" = @0 AND "id" IN (${idParams.join(", ")}) AND ${FREE} AND "out_of_service" = 0 ` +
        `ORDER BY CASE "id" ${rank} END) ` +
        `UPDATE "pick" SET ${CLAIMED}, "assigned_user_id" = @1 OUTPUT inserted."id" AS "id"`,
      parameters: [tenantId, userId, ...rankedIds],
    };
  }
  return {
    sql:
      `WITH "pick" AS MATERIALIZED (SELECT "id" FROM "desktop" WHERE "tenant_id" = $1 AND "id" = ANY($3::uuid[]) ` +
      `AND ${FREE} AND "out_of_service" = false ORDER BY array_position($3::uuid[], "id") LIMIT 1 ` +
      `FOR UPDATE SKIP LOCKED) ` +
      `UPDATE "desktop" SET ${CLAIMED}, "assigned_user_id" = $2 FROM "pick" WHERE "desktop"."id" = "pick"."id" ` +
      `RETURNING "desktop"."id" AS "id"`,
    parameters: [tenantId, userId, [...rankedIds]],
  };
}

/**
 * Claims the best free desktop among `rankedIds` of the door's tenant; null when every one of them is taken or
 * being taken. The tenant predicate comes from the door, like every other statement on tenant rows.
 */
export async function claimFirstFree(
  db: OneTenantDb,
  rankedIds: readonly string[],
  userId: string,
): Promise<string | null> {
  const statement = buildClaimFirstFreeSql(dialectOf(db.manager.connection), db.tenantId, rankedIds, userId);
  await useTenantSetting(db.manager, { tenantId: db.tenantId });
  const [row] = (await queryRecords(db.manager, statement)) as { id: string }[];
  // SQL Server hands uniqueidentifiers back upper-case; the app compares lower-case uuids.
  return row ? row.id.toLowerCase() : null;
}
