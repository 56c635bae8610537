import "reflect-metadata";
import path from "node:path";
import { openDatabase } from "@atrium/migrations";
import { createAppServices } from "./app-services.factory.js";
import { ConfigError, loadConfig } from "./config/env.js";
import { GatewayConfigError } from "./modules/gateway/gateway.config.js";
import { startGatewayForServices } from "./modules/gateway/gateway.runtime.js";
import { createLogger } from "./observability/logger.js";

/**
 * Gateway process: `node api/dist/gateway.js`. Relays browser tunnels (VNC, SSH, RDP via guacd) and native-client
 * port forwards to desktops. Any number of gateway processes can share one database behind a load balancer: each
 * ticket is consumed in the database, so it opens exactly one tunnel on exactly one node.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.ATRIUM_DATA_DIR, "pglite"),
  });
  const services = createAppServices(config, database, logger);
  const gateway = await startGatewayForServices(services);
  process.stdout.write(`atrium gateway listening on ${gateway.url} (viewer ${gateway.url}/viewer)\n`);
  const stop = async (signal: string) => {
    logger.info({ signal }, "stopping gateway");
    await gateway.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof GatewayConfigError;
  const message = known || error instanceof Error ? (error as Error).message : String(error);
  process.stderr.write(`atrium gateway: ${message}\n`);
  process.exit(1);
});
