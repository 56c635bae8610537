import "reflect-metadata";
import path from "node:path";
import { openDatabase } from "@atrium/migrations";
import { emitSchema } from "./commands/emit-schema.command.js";
import { runApiNode, runGatewayNode, runWorkerNode } from "./commands/node-roles.command.js";
import { startAll } from "./commands/start.command.js";
import { loadConfig } from "./config/env.js";

const USAGE = `usage: atrium <command>
  start         every role in one process: database + migrations + demo data + API (:4000) + gateway (:4100)
                + worker + portal (:3000)
  api           API node: GraphQL, sign-in and agent endpoints (PORT, default 4000)
  worker        worker node: pool controllers and jobs (probes and metrics on WORKER_PORT, default 4200)
  gateway       gateway node: browser tunnels and port forwards (GATEWAY_PORT, default 4100)
  serve         database + migrations + API, gateway and jobs, without the portal
  migrate       apply pending database migrations and exit (once, before starting api/worker/gateway nodes)
  emit-schema   write schema/graphql/schema.graphql
Every node serves /healthz, /readyz and /metrics and stops gracefully on SIGTERM.`;

async function main(command: string | undefined): Promise<void> {
  if (command === "emit-schema") return emitSchema();
  const config = loadConfig();
  if (command === "start") return startAll(config, { portal: true });
  if (command === "serve") return startAll(config, { portal: false });
  if (command === "api") return runApiNode(config);
  if (command === "worker") return runWorkerNode(config);
  if (command === "gateway") return runGatewayNode(config);
  if (command === "migrate") {
    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: path.join(config.ATRIUM_DATA_DIR, "pglite"),
    });
    const applied = database.appliedMigrations;
    process.stdout.write(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}. The database is up to date.\n`
        : "The database was already up to date.\n",
    );
    await database.close();
    return;
  }
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}

main(process.argv[2]).catch((error: unknown) => {
  // Configuration errors (ConfigError, GatewayConfigError) carry a message written for the operator.
  process.stderr.write(`atrium: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
