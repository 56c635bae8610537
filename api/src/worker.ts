import "reflect-metadata";
import path from "node:path";
import { openDatabase } from "@atrium/migrations";
import { createAppServices } from "./app-services.factory.js";
import { startBackgroundWork } from "./background/background-work.js";
import { ConfigError, loadConfig } from "./config/env.js";
import { createProvisioningWorker } from "./modules/provisioning/provisioning-worker.js";
import { createLogger } from "./observability/logger.js";

/**
 * Worker process: `node api/dist/worker.js`. Reconciles every pool under per-pool leases and runs durable jobs
 * (broker timers, maintenance), so any number of worker processes can run against the same (PostgreSQL / SQL Server)
 * database; each pool is acted on by one at a time and each job runs once.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.ATRIUM_DATA_DIR, "pglite"),
  });
  const services = createAppServices(config, database, logger);
  const worker = createProvisioningWorker(services);
  worker.start();
  const background = startBackgroundWork(services);
  logger.info({ holder: worker.holder }, "worker started: pool controller and durable jobs");
  const stop = async (signal: string) => {
    logger.info({ signal }, "stopping worker");
    await background.stop();
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`atrium worker: ${message}\n`);
  process.exit(1);
});
