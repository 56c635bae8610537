import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printAppSchema } from "../server/schema.js";

export const SCHEMA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../schema/graphql/schema.graphql",
);

export async function emitSchema(): Promise<void> {
  const sdl = await printAppSchema();
  fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
  if (current !== sdl) fs.writeFileSync(SCHEMA_FILE, sdl);
}
