import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

// A label value per client-chosen operation name would grow the metrics without bound (one series each).
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

async function operationLabels(): Promise<string[]> {
  const text = await (await fetch(new URL("/metrics", app.url))).text();
  const lines = text.split("\n").filter((line) => line.startsWith("atrium_graphql_operations_total{"));
  return lines.map((line) => /operation="([^"]*)"/.exec(line)?.[1] ?? "");
}

describe("GraphQL operation metrics", () => {
  it("label operations by the schema's root field, never by the name the client chose", async () => {
    for (let i = 0; i < 40; i++) {
      await app.gql(`query Client${i}Name { __typename }`);
      await app.gql(`query Probe${i} { ssoProviders(tenant: "nobody") { id } }`);
      await app.gql(
        `mutation Attempt${i} { signInWithPassword(input: { username: "x", password: "y" }) { __typename } }`,
      );
    }
    await app.gql(`query Broken { nosuchfield }`);
    const labels = await operationLabels();
    expect(labels.filter((label) => /Client|Probe|Attempt|Broken/.test(label))).toEqual([]);
    expect(new Set(labels)).toEqual(
      new Set(["query __typename", "query ssoProviders", "mutation signInWithPassword", "invalid"]),
    );
  });
});
