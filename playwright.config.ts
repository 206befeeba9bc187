import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { appPortOf } from "./tests/e2e/support/oauth-config";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** One app server (own port, database and clock) per worker: tests/e2e/support/test.ts picks it. */
const WORKERS = Number(process.env.E2E_WORKERS ?? 2);
const CHROMIUM = "/usr/bin/chromium";
/** Titles (or describe titles) of the tests the mobile project leaves to the desktop one. */
const MOBILE_SKIPS = [
  /fuzzed bodies/,
  /API: health and session/,
  /start-up refuses a bad configuration/,
  /refused sign-ins/,
  /guards/,
  /a player gets 403 on every admin page/,
  /an operator's day/,
  /anonymous callers get 401/,
  /more redemptions than the per-player rate/,
  /sign out everywhere/,
  /an admin ends a player's sessions/,
  /a demotion is recorded/,
  /an admin suspends a player from the console/,
  /a CSP with nonces/,
  // Flows whose layout the mobile run already sees elsewhere (the page walker, the board and
  // the day's game, the Korean morning): run at desktop width only.
  /sign-in through the offline providers/,
  /a player's morning \(en\)/,
  /a double click redeems once/,
  /sold-out and unaffordable rewards/,
  /the morning numbers, a CSV export/,
  /opting in to reminders/,
  /sign out: a cookie copied before/,
  /a player redeems the sticker pack/,
];
/** The morning loop runs in English at desktop width and in Korean at mobile width. */
const DESKTOP_SKIPS = [/a player's morning \(ko\)/];

/**
 * End-to-end tests run against a production build (`next build` first) on a fresh embedded
 * database, with the server clock under test control; each worker has a server of its own,
 * so tests never share a clock or a database with a test running at the same time. Debian's
 * Chromium is used where present (browsers cannot be downloaded on CI machines); elsewhere
 * Playwright's own.
 */
export default defineConfig({
  testDir: "tests/e2e",
  // One folder per server port, so parallel runs on one machine never clean each other's files.
  outputDir: `test-results/run-${PORT}`,
  fullyParallel: false,
  workers: WORKERS,
  retries: 0,
  // Two workers share the machine: a long flow (an ad, a refill, a settlement) gets room to breathe.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: fs.existsSync(CHROMIUM) ? CHROMIUM : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } },
      grepInvert: DESKTOP_SKIPS,
    },
    {
      name: "mobile",
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 } },
      // What no layout touches runs at one size only: API answers, fuzzed bodies, refused
      // sign-ins, guards, headers and the admin console (a desktop tool; its pages are still
      // checked at 390 px by the page walker). Every page, the board, the day's game and the
      // Korean morning run at both sizes.
      grepInvert: MOBILE_SKIPS,
    },
  ],
  webServer: Array.from({ length: WORKERS }, (_, n) => appPortOf(n)).flatMap((port) => [
    {
      // Offline Google (OIDC) and Kakao fakes on port+10 / port+11 (tests/e2e/support/oauth-fakes.ts).
      command: "node_modules/.bin/tsx tests/e2e/support/oauth-fakes.ts",
      url: `http://localhost:${port + 11}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe" as const,
      stderr: "pipe" as const,
      env: { E2E_PORT: String(port) },
    },
    {
      command: "bash scripts/e2e-server.sh",
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe" as const,
      stderr: "pipe" as const,
      env: { E2E_PORT: String(port) },
    },
  ]),
});
