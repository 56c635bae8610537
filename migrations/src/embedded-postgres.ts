import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDataDirLock } from "./data-dir-lock.js";

export interface EmbeddedPostgres {
  host: string;
  port: number;
  maxConnections: number;
  close(): Promise<void>;
}

/** Above this, pglite-socket refuses connections; the pg pool must stay within it. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

/**
 * PGlite served over the PostgreSQL wire protocol on loopback, so the normal `pg` driver (and every query we
 * write for PostgreSQL) works unchanged. All connections share one backend: correctness comes from the
 * server serialising transactions, which is why callers must use the transaction's own manager.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const inMemory = dataDir === "memory://";
  const releaseLock = inMemory ? () => {} : acquireDataDirLock(dataDir);
  try {
    if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(inMemory ? {} : { dataDir });
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: 0,
      maxConnections: EMBEDDED_MAX_CONNECTIONS,
    });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    return {
      host: "127.0.0.1",
      port,
      maxConnections: EMBEDDED_MAX_CONNECTIONS,
      async close() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
