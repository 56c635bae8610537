import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * docs/architecture.md is the newcomer's map: it must draw every module folder, draw no arrow the code does not
 * have, and name only files that exist. The map is hand-drawn (a generated one shows every edge and explains none);
 * this keeps it honest as modules move.
 */

const SRC = path.dirname(fileURLToPath(import.meta.url));
const MODULES = path.join(SRC, "modules");
const DOC = path.resolve(SRC, "../../docs/architecture.md");

const doc = readFileSync(DOC, "utf8");
const moduleFolders = readdirSync(MODULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** The first mermaid block: the module picture. */
function modulePicture(): string {
  const block = /```mermaid\n([\s\S]*?)```/.exec(doc);
  if (!block?.[1]) throw new Error("docs/architecture.md has no mermaid block");
  return block[1];
}

/** Node id → module folder, for nodes whose label starts with a module folder's name. */
function moduleNodes(picture: string): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const [, id, label] of picture.matchAll(/(\w+)\["([^"]+)"\]/g)) {
    const folder = label?.split(/\s/)[0];
    if (id && folder && moduleFolders.includes(folder)) nodes.set(id, folder);
  }
  return nodes;
}

/** Drawn arrows `a --> b & c` between two module nodes, as folder pairs. */
function drawnModuleEdges(picture: string, nodes: Map<string, string>): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  for (const line of picture.split("\n")) {
    const parts = line.trim().split("-->");
    for (let i = 0; i + 1 < parts.length; i++) {
      const from = nodes.get(parts[i]?.trim() ?? "");
      for (const target of (parts[i + 1] ?? "").split("&")) {
        const to = nodes.get(target.trim());
        if (from && to) edges.push([from, to]);
      }
    }
  }
  return edges;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function imports(from: string, to: string): boolean {
  const target = new RegExp(`from "(\\.\\./)+(modules/)?${to}/`);
  return sourceFiles(path.join(MODULES, from)).some((file) => target.test(readFileSync(file, "utf8")));
}

describe("docs/architecture.md", () => {
  const picture = modulePicture();
  const nodes = moduleNodes(picture);

  it("draws every module folder of api/src/modules", () => {
    expect([...new Set(nodes.values())].sort()).toEqual([...moduleFolders].sort());
  });

  it("draws only arrows the code has", () => {
    const missing = drawnModuleEdges(picture, nodes).filter(([from, to]) => !imports(from, to));
    expect(missing).toEqual([]);
  });

  it("names only files that exist", () => {
    const named = [...doc.matchAll(/`([\w/.-]+\.ts)`/g)].map((match) => match[1] ?? "");
    const absent = named.filter(
      (file) => ![MODULES, SRC, path.resolve(SRC, "../..")].some((root) => existsSync(path.join(root, file))),
    );
    expect(named.length).toBeGreaterThan(10);
    expect(absent).toEqual([]);
  });
});
