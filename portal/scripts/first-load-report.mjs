// Next 16 (Turbopack) no longer prints per-route sizes, so the build reports them itself: the gzip size of every
// script a route loads before it becomes interactive (framework + layouts + page). Lazy chunks (chart.js) are
// not counted, because the browser fetches them only after the page rendered.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const portalDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextDir = path.join(portalDir, ".next");
const appDir = path.join(nextDir, "server/app");
const BUDGET_KB = 300;
const BUDGET_ROUTE = "/console";

function findManifests(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findManifests(full);
    return entry.name === "page_client-reference-manifest.js" ? [full] : [];
  });
}

function readClientManifest(file) {
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  return Object.values(sandbox.__RSC_MANIFEST ?? {})[0];
}

const sizes = new Map();
function gzipKb(file) {
  if (!sizes.has(file)) sizes.set(file, gzipSync(fs.readFileSync(path.join(nextDir, file))).length / 1024);
  return sizes.get(file);
}

/** `(app)/console/users/[id]` → `/console/users/[id]` (route groups do not appear in URLs). */
function routeOf(manifestFile) {
  const relative = path.relative(appDir, path.dirname(manifestFile)).split(path.sep);
  const segments = relative.filter((segment) => !(segment.startsWith("(") && segment.endsWith(")")));
  return `/${segments.join("/")}`.replace(/\/$/, "") || "/";
}

const rows = findManifests(appDir)
  .map((file) => {
    const build = JSON.parse(fs.readFileSync(path.join(path.dirname(file), "page/build-manifest.json"), "utf8"));
    const client = readClientManifest(file);
    const files = new Set([...(build.rootMainFiles ?? []), ...Object.values(client.entryJSFiles ?? {}).flat()]);
    const kb = [...files].reduce((total, chunk) => total + gzipKb(chunk), 0);
    return { route: routeOf(file), kb };
  })
  .filter((row) => !row.route.startsWith("/_"))
  .sort((a, b) => a.route.localeCompare(b.route));

process.stdout.write("\nFirst-load JavaScript per route (gzip)\n");
for (const row of rows) process.stdout.write(`  ${row.route.padEnd(36)} ${row.kb.toFixed(1).padStart(7)} kB\n`);
const dashboard = rows.find((row) => row.route === BUDGET_ROUTE);
if (!dashboard) {
  process.stderr.write(`first-load report: route ${BUDGET_ROUTE} not found\n`);
  process.exit(1);
}
process.stdout.write(
  `\nDashboard (${BUDGET_ROUTE}) first load: ${dashboard.kb.toFixed(1)} kB of ${BUDGET_KB} kB budget\n`,
);
if (dashboard.kb > BUDGET_KB) {
  process.stderr.write(`first-load report: ${BUDGET_ROUTE} exceeds ${BUDGET_KB} kB\n`);
  process.exit(1);
}
