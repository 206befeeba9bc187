import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import { oxPlugin } from "./eslint/clock-rule.mjs";

const config = [
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "reports/**",
      "node_modules/**",
      ".data/**",
      ".test-data/**",
      "test-results/**",
      "playwright-report/**",
      "db/migrations/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // An update or delete without a where clause is never what we mean.
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Type-aware rules: a promise is awaited, returned or explicitly voided, never dropped.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // useTestDb() registers vitest hooks; it is not a React hook.
    files: ["tests/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*"], message: "Domain code never imports from app/." },
            // The jobs call the domains, never the reverse: pass what a domain needs in (a port).
            {
              group: ["@/lib/jobs", "@/lib/jobs/*"],
              message: "Domain code never imports lib/jobs: take the job-side callback as a parameter.",
            },
          ],
        },
      ],
    },
  },
  {
    // The admin console drives the jobs (run now, history) like any other domain function;
    // the jobs may import one another.
    files: ["lib/admin/**/*.ts", "lib/jobs/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*"], message: "Domain code never imports from app/." }] },
      ],
    },
  },
  {
    // Modules of lib/ and db/ form a tree: a cycle means a rule has two homes (docs/architecture.md).
    files: ["lib/**/*.ts", "lib/**/*.tsx", "db/**/*.ts"],
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // The one clock (docs/architecture.md): domain and database code get `now` passed in.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "db/**/*.ts"],
    ignores: ["lib/clock.ts", "**/*.test.ts", "db/seed.ts", "db/migrate.ts"],
    plugins: { ox: oxPlugin },
    rules: { "ox/no-wall-clock": "error" },
  },
  {
    // app/ is thin: pages, handlers and actions call lib/<domain>; SQL and tables stay in lib and db.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "drizzle-orm", message: "Queries live in lib/<domain>; app/ calls them." }],
          patterns: [
            { group: ["drizzle-orm/*"], message: "Queries live in lib/<domain>; app/ calls them." },
            {
              group: ["@/db/schema", "@/db/schema/*", "**/db/schema", "**/db/schema/*"],
              message: "Tables are read and written in lib/<domain>; app/ calls it.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
