import "reflect-metadata";
import { runWorkerNode } from "./commands/node-roles.command.js";
import { loadConfig } from "./config/env.js";

/** `node api/dist/worker.js`, the same as `node api/dist/main.js worker` (kept for existing service files). */
runWorkerNode(loadConfig()).catch((error: unknown) => {
  process.stderr.write(`atrium worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
