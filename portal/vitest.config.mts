import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// Unit tests of the portal's pure helpers; pages are covered by the browser tests in test/src/e2e.
// graphql is pinned to one module instance: the codegen plugins load it with require(). "@" is the app's src alias.
export default defineConfig({
  resolve: { alias: { graphql: require.resolve("graphql"), "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: { environment: "node", include: ["src/**/*.test.ts", "server/**/*.test.ts"] },
});
