import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE } from "../commands/emit-schema.command.js";
import { operationPermissions, printAppSchema } from "./schema.js";

describe("GraphQL contract", () => {
  it("declares a permission for every operation (a change here is a security review item)", () => {
    const map = Object.fromEntries(operationPermissions().map((entry) => [entry.operation, entry.permission]));
    expect(map).toMatchSnapshot();
  });

  it("matches the committed schema/graphql/schema.graphql (run the api build to refresh it)", async () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(await printAppSchema());
  });
});
