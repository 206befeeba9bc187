import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: {
      "server-only": new URL("./tests/integration/support/server-only-stub.ts", import.meta.url).pathname,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "components/**/*.test.ts",
            "db/**/*.test.ts",
            "tests/lint/**/*.test.ts",
            "tests/support/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          // next-auth imports "next/server" without an extension; inlined, Vite resolves it.
          server: { deps: { inline: ["next-auth", "@auth/core"] } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        // Against the production build (`next build` first): servers started by the tests
        // themselves (tests/support/prod-server.ts), on PostgreSQL. One file at a time.
        extends: true,
        test: {
          name: "production",
          include: ["tests/production/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          server: { deps: { inline: ["next-auth", "@auth/core"] } },
        },
      },
    ],
  },
});
