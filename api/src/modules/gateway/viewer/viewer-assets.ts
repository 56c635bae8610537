import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The viewer's browser files are plain HTML/JS/CSS kept in `src/…/viewer/static` (tsc does not copy them into
 * dist), so both the compiled gateway and tests running from source look for them under the package's `src`.
 */
function findStaticDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("gateway viewer: package root not found");
    dir = parent;
  }
  return path.join(dir, "src", "modules", "gateway", "viewer", "static");
}

export const VIEWER_STATIC_DIR = findStaticDir();
