import path from "node:path";
import { openDatabase } from "@atrium/migrations";
import { createAppServices } from "../app-services.factory.js";
import { startBackgroundWork } from "../background/background-work.js";
import type { AppConfig } from "../config/env.js";
import { seedDemoAccess } from "../demo/demo-access.js";
import { demoDesktopDestinations } from "../demo/demo-desktop-routing.js";
import { startDemoDesktopServer } from "../demo/demo-desktop-server.js";
import { DEMO_PASSWORD, DEMO_TENANTS, seedDemoData } from "../demo/demo-seed.js";
import { seedDemoUsage } from "../demo/demo-usage.js";
import { startGatewayForServices } from "../modules/gateway/gateway.runtime.js";
import { startDemoProvisioning } from "../modules/provisioning/demo-provisioning.js";
import { stopOnSignals } from "../node/graceful-shutdown.js";
import { NodeLifecycle } from "../node/node-lifecycle.js";
import { createLogger } from "../observability/logger.js";
import { resolveInstallationSecret } from "../security/installation-secret.js";
import { startApiServer } from "../server/app.js";
import { portalClientKey } from "../server/request-client.js";
import { startPortal } from "./portal-process.js";

interface Endpoints {
  api: string;
  portal: string | null;
  gateway: string | null;
}

function banner(urls: Endpoints, seeded: boolean, demo: boolean): string {
  const lines = [
    "",
    "  Atrium is running",
    `    GraphQL API  ${urls.api}`,
    ...(urls.portal ? [`    Portal       ${urls.portal}`] : []),
    ...(urls.gateway ? [`    Gateway      ${urls.gateway}/viewer`] : []),
  ];
  if (demo) {
    lines.push(
      "",
      `  Demo sign-in (password "${DEMO_PASSWORD}")${seeded ? " — demo data was just created" : ""}`,
      "    MSP staff:   msp-admin",
      `    Tenants:     ${DEMO_TENANTS.map((t) => t.slug).join(", ")} — admin, helpdesk, user1 … user5`,
    );
  }
  lines.push("", "  Press Ctrl-C to stop.", "");
  return lines.join("\n");
}

/**
 * `npm start`: database (embedded by default), migrations, demo data, API, gateway and portal in one process tree.
 */
export async function startAll(config: AppConfig, options: { portal: boolean }): Promise<void> {
  const lifecycle = NodeLifecycle.of(config, "all");
  const logger = createLogger(config.LOG_LEVEL, lifecycle.logBindings);
  const embedded = !config.DATABASE_URL;
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.ATRIUM_DATA_DIR, "pglite"),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const services = createAppServices(config, database, logger);
  const demo = embedded || config.ATRIUM_DEMO;
  const seeded = demo ? await seedDemoData(database.dataSource) : false;
  // The demo's VHI is the in-process simulator, with the pool controller provisioning each tenant's pool on it.
  const provisioning = demo
    ? await startDemoProvisioning(
        services,
        DEMO_TENANTS.map((t) => t.slug),
      )
    : null;
  if (provisioning) {
    await seedDemoAccess(
      database.dataSource,
      DEMO_TENANTS.map((t) => t.slug),
    );
    await seedDemoUsage(
      database.dataSource,
      DEMO_TENANTS.map((t) => t.slug),
      services.clock(),
    );
  }
  // Demo mode only: the simulated desktops are drawn by our own demo RFB server, so the browser shows a desktop.
  const demoDesktops = provisioning ? startDemoDesktopServer() : null;
  const background = startBackgroundWork(services, { workerId: lifecycle.holderId });
  const stopGraceMs = config.ATRIUM_SHUTDOWN_TIMEOUT_SECONDS * 1000;
  const api = await startApiServer(services, config.PORT, config.HOST, { lifecycle, stopGraceMs });
  const gateway = config.ATRIUM_SEPARATE_GATEWAY
    ? null
    : await startGatewayForServices(services, {
        lifecycle,
        destinationOverride:
          provisioning && demoDesktops
            ? demoDesktopDestinations(services.dataSource, provisioning.cloudId, demoDesktops)
            : undefined,
      });
  const gatewayUrl = config.GATEWAY_PUBLIC_URL ?? gateway?.url ?? null;
  const portal = options.portal
    ? await startPortal({
        port: config.PORTAL_PORT,
        apiUrl: api.url,
        gatewayUrl,
        logger,
        installationSecret: resolveInstallationSecret(config.ATRIUM_SECRET, config.ATRIUM_DATA_DIR),
        clientKey: portalClientKey(config),
        dataDir: config.ATRIUM_DATA_DIR,
      })
    : null;
  process.stdout.write(banner({ api: api.url, portal: portal?.url ?? null, gateway: gatewayUrl }, seeded, demo));

  stopOnSignals({
    lifecycle,
    logger,
    drainMs: config.ATRIUM_DRAIN_SECONDS * 1000,
    timeoutMs: stopGraceMs,
    async stop(graceMs) {
      await portal?.stop();
      await Promise.all([api.close(), gateway?.shutdown(graceMs)]);
      await demoDesktops?.close();
      logger.info("api and gateway stopped");
      await background.stop({ graceMs });
      await provisioning?.stop();
      await database.close();
      logger.info("database closed");
    },
  });
}
