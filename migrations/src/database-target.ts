import path from "node:path";

export type DatabaseTarget =
  | { kind: "embedded"; dataDir: string }
  | { kind: "postgres"; url: string }
  | { kind: "mssql"; url: string };

export type Dialect = "postgres" | "mssql";

/**
 * `DATABASE_URL` decides where data lives: unset means the embedded PGlite database in a local folder, so a
 * fresh machine needs no server; `postgres://` and `mssql://` select a real server. `memory://` is an embedded
 * database that lives only as long as the process (tests).
 */
export function resolveDatabaseTarget(databaseUrl: string | undefined, defaultDataDir: string): DatabaseTarget {
  if (!databaseUrl) return { kind: "embedded", dataDir: path.resolve(defaultDataDir) };
  if (databaseUrl === "memory://") return { kind: "embedded", dataDir: "memory://" };
  if (databaseUrl.startsWith("pglite://")) {
    return { kind: "embedded", dataDir: path.resolve(databaseUrl.slice("pglite://".length)) };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { kind: "postgres", url: databaseUrl };
  if (/^(mssql|sqlserver):\/\//.test(databaseUrl)) return { kind: "mssql", url: databaseUrl };
  throw new Error("DATABASE_URL must start with postgres://, mssql://, pglite:// or memory://");
}

export function dialectOf(target: DatabaseTarget): Dialect {
  return target.kind === "mssql" ? "mssql" : "postgres";
}
