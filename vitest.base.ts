import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig, type ViteUserConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// One toolchain for every workspace: swc keeps decorator metadata (type-graphql and TypeORM need it),
// and graphql is pinned to one module instance so schemas built by type-graphql are not "from another realm".
export function atriumVitestConfig(overrides: ViteUserConfig["test"] = {}): ViteUserConfig {
  return defineConfig({
    plugins: [
      swc.vite({
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: "es2022",
          keepClassNames: true,
        },
      }),
    ],
    resolve: { alias: { graphql: require.resolve("graphql") } },
    test: {
      environment: "node",
      include: ["src/**/*.test.ts", "postgres/**/*.test.ts", "mssql/**/*.test.ts"],
      testTimeout: 60_000,
      // A first run installs Debian packages in hooks (ensurePackages, a test server's first lease), and a hook may
      // wait for another file's install to finish first (one apt-get at a time).
      hookTimeout: 300_000,
      ...overrides,
    },
  });
}
