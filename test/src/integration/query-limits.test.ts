import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type DefinitionNode, type FragmentDefinitionNode, Kind, parse, print, visit } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

// Anonymous documents are measured before anything runs: a document the API would take seconds to even validate,
// or minutes to answer, is refused with HTTP 400 and a message that names the limit.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

async function post(query: string): Promise<{ status: number; messages: string[]; codes: unknown[] }> {
  const response = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: unknown } }[] };
  return {
    status: response.status,
    messages: (body.errors ?? []).map((error) => error.message),
    codes: (body.errors ?? []).map((error) => error.extensions?.code),
  };
}

/** n fragments, each spreading the next twice: 2^n fields once expanded, in a document of about 10·n tokens. */
function fragmentFan(n: number): string {
  const fragments = Array.from({ length: n }, (_, i) =>
    i === n - 1 ? `fragment F${i} on Query { __typename }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query Fan { ...F0 }\n${fragments.join("\n")}`;
}

/** The fragments a definition spreads, directly or through other fragments. */
function fragmentsUsedBy(root: DefinitionNode, fragments: FragmentDefinitionNode[]): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.find((candidate) => candidate.name.value === spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(root);
  return [...used.values()];
}

describe("query cost is bounded before authentication", () => {
  it("a fragment fan-out is measured once per fragment and refused for its expanded cost", async () => {
    const result = await post(fragmentFan(22));
    expect(result.status).toBe(400);
    expect(result.codes.every((code) => code === "GRAPHQL_VALIDATION_FAILED")).toBe(true);
    expect(result.messages.join(" ")).toMatch(/cost limit of \d+ exceeded/i);
  });

  it("a fragment cycle is a 400 that says so, not a stack overflow", async () => {
    const result = await post(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }`);
    expect(result.status).toBe(400);
    expect(result.codes.every((code) => code === "GRAPHQL_VALIDATION_FAILED")).toBe(true);
    expect(result.messages.join(" ")).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it("20,000 aliases are refused", async () => {
    const aliases = Array.from({ length: 20_000 }, (_, i) => `a${i}: __typename`).join(" ");
    const result = await post(`{ ${aliases} }`);
    expect(result.status).toBe(400);
    expect(result.messages.join(" ")).toMatch(/contains more tha[nt] \d+ tokens/i);
  });

  it("too many aliases in a small document are refused by the alias limit", async () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: __type(name: "Query") { name }`).join(" ");
    const result = await post(`{ ${aliases} }`);
    expect(result.status).toBe(400);
    expect(result.messages[0]).toMatch(/aliases limit of \d+ exceeded/i);
  });

  it("too many directives are refused", async () => {
    const fields = Array.from({ length: 60 }, () => `__typename @skip(if: false)`).join(" ");
    const result = await post(`{ ${fields} }`);
    expect(result.status).toBe(400);
    expect(result.messages[0]).toMatch(/directives limit of \d+ exceeded/i);
  });

  it("too deep a document is refused, introspection included", async () => {
    const deep = `{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } }`;
    const result = await post(deep);
    expect(result.status).toBe(400);
    expect(result.messages[0]).toMatch(/depth limit of \d+ exceeded/i);
  });

  it("a document of too many tokens is refused while it is parsed", async () => {
    const fields = Array.from({ length: 4_000 }, () => "__typename").join(" ");
    const result = await post(`{ ${fields} }`);
    expect(result.status).toBe(400);
    expect(result.codes).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(result.messages[0]).toMatch(/contains more tha[nt] \d+ tokens/i);
  });

  it("the costliest document to validate is cut at 1,000 tokens: one field repeated through inline fragments", async () => {
    // Every other limit accepts it, and validating it costs the square of its size (see query-limits.ts).
    const repeated = (times: number) => `{ ${"... on Query { __typename } ".repeat(times)}}`;
    expect((await post(repeated(160))).status).toBe(200);
    const refused = await post(repeated(170));
    expect(refused.status).toBe(400);
    expect(refused.messages[0]).toMatch(/contains more tha[nt] 1000 tokens/i);
  });

  it("every document the portal sends passes the default limits", async () => {
    const folder = fileURLToPath(new URL("../../../portal/src/graphql/", import.meta.url));
    const source = fs
      .readdirSync(folder)
      .filter((file) => file.endsWith(".graphql"))
      .map((file) => fs.readFileSync(path.join(folder, file), "utf8"))
      .join("\n");
    const definitions = parse(source).definitions;
    const fragments = definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    const operations = definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(50);
    const refused: string[] = [];
    for (const operation of operations) {
      const document = [operation, ...fragmentsUsedBy(operation, fragments)].map((d) => print(d)).join("\n");
      const result = await post(document);
      const limitCodes = ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"];
      if (result.codes.some((code) => limitCodes.includes(String(code)))) {
        refused.push(`${operation.name?.value}: ${result.messages.join("; ")}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
