import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
const CHROMIUM = "/usr/bin/chromium";

/**
 * End-to-end tests run against a production build (`next build` first) on a fresh embedded
 * database, with the server clock under test control. Debian's Chromium is used where
 * present (browsers cannot be downloaded on CI machines); elsewhere Playwright's own.
 */
export default defineConfig({
  testDir: "tests/e2e",
  // One folder per server port, so parallel runs on one machine never clean each other's files.
  outputDir: `test-results/run-${PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
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
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } },
    { name: "mobile", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 } } },
  ],
  webServer: [
    {
      // Offline Google (OIDC) and Kakao fakes on PORT+10 / PORT+11 (tests/e2e/support/oauth-fakes.ts).
      command: "node_modules/.bin/tsx tests/e2e/support/oauth-fakes.ts",
      url: `http://localhost:${PORT + 11}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(PORT) },
    },
    {
      command: "bash scripts/e2e-server.sh",
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(PORT) },
    },
  ],
});
