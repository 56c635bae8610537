import path from "node:path";
import { type Database, openDatabase } from "@atrium/migrations";
import { createAppServices } from "../app-services.factory.js";
import { startBackgroundWork } from "../background/background-work.js";
import { type AppConfig, ConfigError } from "../config/env.js";
import { startGatewayForServices } from "../modules/gateway/gateway.runtime.js";
import { createProvisioningWorker } from "../modules/provisioning/provisioning-worker.js";
import { stopOnSignals } from "../node/graceful-shutdown.js";
import { startHealthServer } from "../node/health-server.js";
import { NodeLifecycle, type NodeRole } from "../node/node-lifecycle.js";
import { createLogger, type Logger } from "../observability/logger.js";
import { startApiServer } from "../server/app.js";

/** The database as a node opens it: its own pool size, and on a server the schema `atrium migrate` left. */
export async function openNodeDatabase(config: AppConfig): Promise<Database> {
  const embedded = !config.DATABASE_URL;
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.ATRIUM_DATA_DIR, "pglite"),
    poolSize: config.DATABASE_POOL_SIZE,
    // Nodes sharing a server must not race each other's migrations: one `atrium migrate` runs them, before a roll-out.
    // The embedded database has one process by construction, so it migrates itself as `npm start` always did.
    migrate: embedded,
  });
  if (!embedded && (await database.dataSource.showMigrations())) {
    await database.close();
    throw new ConfigError("The database has pending migrations: run `atrium migrate` once, then start the nodes.");
  }
  return database;
}

interface NodeContext {
  config: AppConfig;
  lifecycle: NodeLifecycle;
  logger: Logger;
  database: Database;
}

async function startNode(config: AppConfig, role: NodeRole): Promise<NodeContext> {
  const lifecycle = NodeLifecycle.of(config, role);
  const logger = createLogger(config.LOG_LEVEL, lifecycle.logBindings);
  const database = await openNodeDatabase(config);
  return { config, lifecycle, logger, database };
}

function shutdownOf(node: NodeContext, stop: (graceMs: number) => Promise<void>): void {
  stopOnSignals({
    lifecycle: node.lifecycle,
    logger: node.logger,
    drainMs: node.config.ATRIUM_DRAIN_SECONDS * 1000,
    timeoutMs: node.config.ATRIUM_SHUTDOWN_TIMEOUT_SECONDS * 1000,
    async stop(graceMs) {
      await stop(graceMs);
      await node.database.close();
    },
  });
}

/** `atrium api`: GraphQL, sign-in endpoints and the agent endpoint; stateless, any number behind a load balancer. */
export async function runApiNode(config: AppConfig): Promise<void> {
  const node = await startNode(config, "api");
  const services = createAppServices(config, node.database, node.logger);
  const api = await startApiServer(services, config.PORT, config.HOST, {
    lifecycle: node.lifecycle,
    stopGraceMs: config.ATRIUM_SHUTDOWN_TIMEOUT_SECONDS * 1000,
  });
  node.logger.info({ url: api.url }, "api node listening");
  shutdownOf(node, () => api.close());
}

/**
 * `atrium worker`: pool controllers under per-pool leases and durable jobs; any number against one database. Its
 * probes and metrics are on WORKER_PORT.
 */
export async function runWorkerNode(config: AppConfig): Promise<void> {
  const node = await startNode(config, "worker");
  const services = createAppServices(config, node.database, node.logger);
  node.lifecycle.registerMetrics(services.metrics.registry);
  const controller = createProvisioningWorker(services, { holder: node.lifecycle.holderId });
  const background = startBackgroundWork(services, { workerId: node.lifecycle.holderId });
  const health = await startHealthServer({
    lifecycle: node.lifecycle,
    dataSource: services.dataSource,
    registry: services.metrics.registry,
    host: config.HOST,
    port: config.WORKER_PORT,
  });
  controller.start();
  node.logger.info({ holder: node.lifecycle.holderId, healthPort: health.port }, "worker node started");
  shutdownOf(node, async (graceMs) => {
    // Passes and jobs in flight finish (each pass then releases its pool's lease) or are cut at the deadline.
    await Promise.all([controller.stop({ graceMs }), background.stop({ graceMs })]);
    await health.close();
  });
}

/** `atrium gateway`: browser tunnels and native-client port forwards; any number behind a load balancer. */
export async function runGatewayNode(config: AppConfig): Promise<void> {
  const node = await startNode(config, "gateway");
  const services = createAppServices(config, node.database, node.logger);
  const gateway = await startGatewayForServices(services, { lifecycle: node.lifecycle });
  node.logger.info({ url: gateway.url }, "gateway node listening");
  shutdownOf(node, (graceMs) => gateway.shutdown(graceMs));
}
