import type { Dialect } from "@atrium/migrations";
import { Desktop } from "@atrium/schema";
import type { EntityManager } from "typeorm";
import { dialectOf, type SqlStatement } from "../../db/dialect.js";

/**
 * Columns a pass writes in bulk: what the cloud reported and what a create answered. All are strings (simple-json
 * is text) on both dialects, so the VALUES list needs no per-type casts; everything else goes through `patchDesktop`.
 */
export const BULK_COLUMNS = [
  "serverId",
  "addresses",
  "observedPowerState",
  "serverStatus",
  "provisioningState",
  "availability",
  "lastError",
  "imageRef",
] as const;

export type BulkDesktopPatch = Partial<Pick<Desktop, (typeof BULK_COLUMNS)[number]>>;

/** SQL Server takes at most 2,100 parameters a statement; keep well under it on both dialects. */
const MAX_PARAMETERS = 2_000;

export interface BulkRow {
  id: string;
  /** Database column name → value already prepared for the driver. */
  values: Record<string, unknown>;
}

/**
 * One UPDATE … FROM (VALUES …) for rows that set the same columns. The tenant predicate is part of the statement;
 * `updated_at` is set as TypeORM's own updates set it.
 */
export function buildBulkUpdateSql(
  dialect: Dialect,
  tenantId: string,
  columns: string[],
  rows: BulkRow[],
): SqlStatement {
  const parameters: unknown[] = [tenantId];
  const mark = () => (dialect === "mssql" ? `@${parameters.length - 1}` : `$${parameters.length}`);
  const tuples = rows.map((row) => {
    parameters.push(row.id);
    // PostgreSQL types untyped VALUES parameters as text: the id must be compared as a uuid.
    const cells = [dialect === "mssql" ? mark() : `${mark()}::uuid`];
    for (const column of columns) {
      parameters.push(row.values[column] ?? null);
      cells.push(mark());
    }
    return `(${cells.join(", ")})`;
  });
  const names = ["id", ...columns].map((column) => `"${column}"`).join(", ");
  const sets = [...columns.map((column) => `"${column}" = "v"."${column}"`), `"updated_at" = CURRENT_TIMESTAMP`].join(
    ", ",
  );
  const tenant = dialect === "mssql" ? "@0" : "$1";
  const values = `(VALUES ${tuples.join(", ")}) AS "v"(${names})`;
  const sql =
    dialect === "mssql"
      ? `UPDATE "t" SET ${sets} FROM "desktop" AS "t" INNER JOIN ${values} ON "t"."id" = "v"."id" WHERE "t"."tenant_id" = ${tenant}`
      : `UPDATE "desktop" AS "t" SET ${sets} FROM ${values} WHERE "t"."tenant_id" = ${tenant} AND "t"."id" = "v"."id"`;
  return { sql, parameters };
}

/** Rows per statement so that id + columns of every row stay under the parameter limit. */
export function rowsPerStatement(columnCount: number): number {
  return Math.max(1, Math.floor((MAX_PARAMETERS - 1) / (columnCount + 1)));
}

export interface DesktopWriteBuffer {
  /** Applies the patch to the in-memory desktop now and queues its write. */
  add(desktop: Desktop, patch: BulkDesktopPatch): void;
  /** Removes and returns what is queued for one desktop (an immediate write of it takes it along). */
  take(desktopId: string): BulkDesktopPatch | undefined;
  readonly size: number;
  /** Writes everything queued: one statement per set of columns (and per parameter-limit chunk). */
  flush(): Promise<void>;
}

/**
 * A pass observes and creates hundreds of desktops; a round trip each to an embedded database stalls the event
 * loop that also paces the cloud requests. Queued writes are safe to lose: observations are repeated by the next
 * listing, and a server id that was never written is found again by the create's marker tag.
 */
export function createDesktopWriteBuffer(manager: EntityManager, tenantId: string): DesktopWriteBuffer {
  const pending = new Map<string, BulkDesktopPatch>();
  const metadata = manager.connection.getMetadata(Desktop);
  const driver = manager.connection.driver;
  const dialect = dialectOf(manager.connection);

  const toRow = (id: string, patch: BulkDesktopPatch): BulkRow => {
    const values: Record<string, unknown> = {};
    for (const [property, value] of Object.entries(patch)) {
      const column = metadata.findColumnWithPropertyName(property)!;
      values[column.databaseName] = driver.preparePersistentValue(value, column);
    }
    return { id, values };
  };

  return {
    add(desktop, patch) {
      Object.assign(desktop, patch);
      pending.set(desktop.id, { ...pending.get(desktop.id), ...patch });
    },
    take(desktopId) {
      const patch = pending.get(desktopId);
      pending.delete(desktopId);
      return patch;
    },
    get size() {
      return pending.size;
    },
    async flush() {
      if (pending.size === 0) return;
      const groups = new Map<string, BulkRow[]>();
      for (const [id, patch] of pending) {
        const row = toRow(id, patch);
        const key = Object.keys(row.values).sort().join(",");
        const group = groups.get(key);
        if (group) group.push(row);
        else groups.set(key, [row]);
      }
      pending.clear();
      for (const [key, rows] of groups) {
        const columns = key.split(",");
        const size = rowsPerStatement(columns.length);
        for (let start = 0; start < rows.length; start += size) {
          const statement = buildBulkUpdateSql(dialect, tenantId, columns, rows.slice(start, start + size));
          await manager.query(statement.sql, statement.parameters);
        }
      }
    },
  };
}
