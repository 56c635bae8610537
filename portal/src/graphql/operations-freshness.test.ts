import fs from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM script without type declarations
import { generateOperations, outputFile } from "../../scripts/codegen-lib.mjs";

describe("generated operation types", () => {
  it("match schema/graphql/schema.graphql and src/graphql (run `npm run codegen -w @atrium/portal`)", async () => {
    expect(fs.readFileSync(outputFile, "utf8")).toBe(await generateOperations());
  }, 30_000);
});
