import "reflect-metadata";
import { runGatewayNode } from "./commands/node-roles.command.js";
import { loadConfig } from "./config/env.js";

/** `node api/dist/gateway.js`, the same as `node api/dist/main.js gateway` (kept for existing service files). */
runGatewayNode(loadConfig()).catch((error: unknown) => {
  process.stderr.write(`atrium gateway: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
