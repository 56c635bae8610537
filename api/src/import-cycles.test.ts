import path from "node:path";
import { fileURLToPath } from "node:url";
import madge from "madge";
import { beforeAll, describe, expect, it } from "vitest";

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** file (relative to api/src) → the files it imports, type-only imports included: a seam is a seam at compile time. */
let graph: Record<string, string[]>;
let fileCycles: string[][];

beforeAll(async () => {
  const result = await madge(path.join(API_DIR, "src"), {
    fileExtensions: ["ts"],
    tsConfig: path.join(API_DIR, "tsconfig.json"),
    // Tests may reach into any folder for their fixtures; the structure is the product code's.
    excludeRegExp: [/\.test\.ts$/, /\.test-support\.ts$/],
  });
  graph = result.obj();
  fileCycles = result.circular();
}, 120_000);

/**
 * The folder-level edges: for an import a → b, the two sibling folders under their deepest common folder that hold
 * them, each counted with everything below it (modules/identity/sign-in/x.ts → modules/sessions/y.ts is the edge
 * modules/identity → modules/sessions, and inside identity nothing). A file that sits directly in the common folder
 * (a module's index, main.ts) belongs to the parent, not to a sibling, so it adds no edge.
 */
function folderEdges(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const [from, targets] of Object.entries(graph)) {
    for (const to of targets) {
      const a = from.split("/");
      const b = to.split("/");
      let depth = 0;
      while (depth < a.length - 1 && depth < b.length - 1 && a[depth] === b[depth]) depth++;
      if (depth === a.length - 1 || depth === b.length - 1) continue;
      const key = `${a.slice(0, depth + 1).join("/")} -> ${b.slice(0, depth + 1).join("/")}`;
      edges.set(key, [...(edges.get(key) ?? []), `${from} -> ${to}`]);
    }
  }
  return edges;
}

/** Every pair of folders that import each other, each with the imports that tie it, so a failure says what to move. */
function foldersImportingEachOther(): string[] {
  const edges = folderEdges();
  const found: string[] = [];
  for (const [key, imports] of edges) {
    const [a, b] = key.split(" -> ") as [string, string];
    const back = edges.get(`${b} -> ${a}`);
    if (back && a < b) found.push(`${a} <-> ${b}: ${[...imports, ...back].join(", ")}`);
  }
  return found;
}

/** Longer folder cycles (a → b → c → a) than a pair: the folders of each strongly connected set of two or more. */
function folderCycles(): string[][] {
  const next = new Map<string, string[]>();
  for (const key of folderEdges().keys()) {
    const [a, b] = key.split(" -> ") as [string, string];
    next.set(a, [...(next.get(a) ?? []), b]);
    if (!next.has(b)) next.set(b, []);
  }
  // Tarjan's algorithm: a folder's low link is the earliest folder on the stack it can reach.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (folder: string) => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder)!);
    stack.push(folder);
    for (const target of next.get(folder)!) {
      if (!index.has(target)) visit(target);
      if (stack.includes(target)) low.set(folder, Math.min(low.get(folder)!, low.get(target)!));
    }
    if (low.get(folder) !== index.get(folder)) return;
    const members = stack.splice(stack.indexOf(folder));
    if (members.length > 1) cycles.push(members.sort());
  };
  for (const folder of next.keys()) if (!index.has(folder)) visit(folder);
  return cycles;
}

describe("the import structure of api/src", () => {
  it("reads every product file", () => {
    expect(Object.keys(graph).length).toBeGreaterThan(200);
    expect(graph["server/app.ts"]).toContain("server/graphql-context.ts");
  });

  it("has no import cycle between files", () => {
    expect(fileCycles).toEqual([]);
  });

  it("has no two folders that import each other", () => {
    expect(foldersImportingEachOther()).toEqual([]);
  });

  it("has no longer cycle between folders either", () => {
    expect(folderCycles()).toEqual([]);
  });
});
