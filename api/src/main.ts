import "reflect-metadata";
import path from "node:path";
import { openDatabase } from "@atrium/migrations";
import { emitSchema } from "./commands/emit-schema.command.js";
import { startAll } from "./commands/start.command.js";
import { ConfigError, loadConfig } from "./config/env.js";

const USAGE = `usage: atrium <command>
  start         database + migrations + demo data + API (:4000) + portal (:3000)
  serve         database + migrations + API only
  migrate       apply pending database migrations and exit
  emit-schema   write schema/graphql/schema.graphql`;

async function main(command: string | undefined): Promise<void> {
  if (command === "emit-schema") return emitSchema();
  const config = loadConfig();
  if (command === "start") return startAll(config, { portal: true });
  if (command === "serve") return startAll(config, { portal: false });
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
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`atrium: ${message}\n`);
  process.exit(1);
});
