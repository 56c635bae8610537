import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES, ERROR_REASONS, GRAPHQL_ERROR_CODES } from "./error-vocabulary.js";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const README = readFileSync(path.resolve(SRC, "../../README.md"), "utf8");

/** The first column of every table row in the README's "Errors" section, per table. */
function documentedNames(): string[][] {
  const section = /### Errors\n([\s\S]*?)\n## /.exec(README)?.[1] ?? "";
  return section
    .split(/\n\s*\n/)
    .filter((block) => block.trimStart().startsWith("|"))
    .map((table) => [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1] ?? ""));
}

function productSources(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
}

describe("the error vocabulary integrators program against", () => {
  it("is the list the README documents, code for code and reason for reason", () => {
    expect(documentedNames()).toEqual([
      [...Object.keys(APP_ERROR_CODES), ...Object.keys(GRAPHQL_ERROR_CODES)],
      Object.keys(ERROR_REASONS),
    ]);
  });

  it("is written in one casing", () => {
    for (const name of [...Object.keys(APP_ERROR_CODES), ...Object.keys(ERROR_REASONS)]) {
      expect(name).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
    }
  });

  it("documents no reason the API never gives", () => {
    const sources = productSources().filter((text) => !text.includes("export const ERROR_REASONS"));
    const unused = Object.keys(ERROR_REASONS).filter((reason) => !sources.some((text) => text.includes(`"${reason}"`)));
    expect(unused).toEqual([]);
  });
});
