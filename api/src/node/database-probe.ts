import pg from "pg";
import type { DataSource } from "typeorm";

/** How long a probe may take before the database counts as unreachable. */
const PROBE_TIMEOUT_MS = 2_000;
/** Probes closer together than this share one answer (several balancers and the orchestrator all ask). */
const REUSE_MS = 500;

export type DatabaseProbe = () => Promise<boolean>;

/**
 * "Does the database answer?" for /readyz. On a PostgreSQL server the probe has a connection of its own, outside the
 * node's pool: through the pool it would queue behind a storm's requests, time out, and the balancer would take a
 * busy but healthy node out of rotation (every node at once, under load). The embedded database allows one
 * connection (pglite-socket), and SQL Server is probed through the pool.
 */
export function createDatabaseProbe(dataSource: DataSource): DatabaseProbe {
  const options = dataSource.options as { type: string; url?: string };
  const ownConnection = options.type === "postgres" && Boolean(options.url);
  let client: pg.Client | null = null;
  let last: { at: number; answer: Promise<boolean> } | null = null;

  const dropClient = () => {
    void client?.end().catch(() => undefined);
    client = null;
  };

  const viaOwnConnection = async () => {
    if (!client) {
      const fresh = new pg.Client({
        connectionString: options.url,
        connectionTimeoutMillis: PROBE_TIMEOUT_MS,
        query_timeout: PROBE_TIMEOUT_MS,
        application_name: "atrium readiness",
      });
      // A server restart kills the connection between probes; the next probe reconnects.
      fresh.on("error", () => {
        if (client === fresh) dropClient();
      });
      client = fresh;
      await fresh.connect();
    }
    await client.query("SELECT 1");
  };

  const viaPool = () =>
    Promise.race([
      dataSource.query("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), PROBE_TIMEOUT_MS).unref()),
    ]);

  const probe = async () => {
    try {
      await (ownConnection ? viaOwnConnection() : viaPool());
      return true;
    } catch {
      if (ownConnection) dropClient();
      return false;
    }
  };

  return () => {
    const now = Date.now();
    if (!last || now - last.at > REUSE_MS) last = { at: now, answer: probe() };
    return last.answer;
  };
}
