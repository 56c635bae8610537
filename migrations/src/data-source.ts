import { ALL_ENTITIES } from "@atrium/schema";
import { DataSource, type DataSourceOptions } from "typeorm";
import { type DatabaseTarget, type Dialect, dialectOf, resolveDatabaseTarget } from "./database-target.js";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres.js";
import { migrationsFor } from "./migration-list.js";
import { useAbsoluteTimestamps } from "./timestamp-types.js";

export interface OpenDatabaseOptions {
  /** `DATABASE_URL`; unset selects the embedded database in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the embedded database when `databaseUrl` is unset. */
  dataDir?: string;
  /** Apply pending migrations before returning (the default). */
  migrate?: boolean;
  poolSize?: number;
}

export interface Database {
  dataSource: DataSource;
  dialect: Dialect;
  target: DatabaseTarget;
  /** Names of the migrations this open applied (empty when the database was up to date). */
  appliedMigrations: string[];
  close(): Promise<void>;
}

function mssqlOptions(url: string, poolSize: number): DataSourceOptions {
  const parsed = new URL(url);
  const params = parsed.searchParams;
  return {
    type: "mssql",
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 1433,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.replace(/^\//, "") || "atrium",
    options: {
      encrypt: params.get("encrypt") !== "false",
      trustServerCertificate: params.get("trustServerCertificate") === "true",
    },
    pool: { max: poolSize },
  };
}

/** Builds the DataSource for a target without connecting (SQL Server metadata can be inspected offline). */
export function buildDataSource(target: DatabaseTarget, embedded?: EmbeddedPostgres, poolSize = 10): DataSource {
  const common = { entities: ALL_ENTITIES, migrations: migrationsFor(dialectOf(target)), logging: false } as const;
  let options: DataSourceOptions;
  if (target.kind === "mssql") {
    options = { ...mssqlOptions(target.url, poolSize), ...common };
  } else if (target.kind === "postgres") {
    options = { type: "postgres", url: target.url, uuidExtension: "pgcrypto", extra: { max: poolSize }, ...common };
  } else {
    if (!embedded) throw new Error("embedded database not started");
    options = {
      type: "postgres",
      host: embedded.host,
      port: embedded.port,
      username: "postgres",
      database: "postgres",
      uuidExtension: "pgcrypto",
      // One connection: pglite-socket multiplexes every client onto one backend and interleaves the messages of
      // concurrent extended-protocol queries, so two pooled connections could receive each other's results.
      // Serialising through one connection is correct and costs nothing: the backend runs one query at a time.
      extra: { max: 1 },
      ...common,
    };
  }
  const dataSource = new DataSource(options);
  useAbsoluteTimestamps(dataSource);
  return dataSource;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const target = resolveDatabaseTarget(options.databaseUrl, options.dataDir ?? ".data/pglite");
  const embedded = target.kind === "embedded" ? await startEmbeddedPostgres(target.dataDir) : undefined;
  try {
    const dataSource = buildDataSource(target, embedded, options.poolSize);
    await dataSource.initialize();
    const applied = options.migrate === false ? [] : await dataSource.runMigrations({ transaction: "each" });
    return {
      dataSource,
      appliedMigrations: applied.map((migration) => migration.name),
      dialect: dialectOf(target),
      target,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await embedded?.close();
      },
    };
  } catch (error) {
    await embedded?.close();
    throw error;
  }
}
