import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@atrium/migrations";
import type { JobLogger } from "./job-definition.js";

/**
 * Databases the job tests run against: always the embedded PGlite, plus real PostgreSQL when `DATABASE_URL`
 * points at one. Each test file gets its own scratch PostgreSQL database, because vitest runs files in parallel
 * and a worker in one file would otherwise claim another file's jobs.
 */
export function jobTestTargets(): { label: string; url: string }[] {
  const targets = [{ label: "embedded PGlite", url: "memory://" }];
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("postgres")) targets.push({ label: "PostgreSQL", url });
  return targets;
}

export async function openJobTestDatabase(url: string): Promise<Database> {
  if (url === "memory://") return openDatabase({ databaseUrl: url });
  const name = `atrium_jobs_${randomUUID().replaceAll("-", "")}`;
  const admin = await openDatabase({ databaseUrl: url, migrate: false, poolSize: 1 });
  try {
    await admin.dataSource.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: scratchUrl.toString() });
  return {
    ...db,
    async close() {
      await db.close();
      const cleanup = await openDatabase({ databaseUrl: url, migrate: false, poolSize: 1 });
      try {
        await cleanup.dataSource.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await cleanup.close();
      }
    },
  };
}

/** A clock that only moves when told to, so backoff and expiry are tested without sleeping. */
export function manualClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  msg?: string;
  obj: object;
}

export function recordingLogger(): JobLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry["level"]) =>
    (obj: object, msg?: string): void => {
      entries.push({ level, obj, msg });
    };
  return { entries, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
