import { spawn } from "node:child_process";
import { E2E_BASE_PORT } from "./support/oauth-config";
import { expect, test } from "./support/test";

// A port of its own per worker (base + 20 + worker), beside the app servers' ports.
const port = () => E2E_BASE_PORT + 20 + test.info().parallelIndex;

/** Start the production build with `vars` and collect what it prints until it exits (or 20 s). */
function startServer(vars: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/next", ["start", "-p", String(port())], {
      env: { ...process.env, PGLITE_DIR: `.test-data/startup-${port()}/pglite`, ...vars },
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test.describe("start-up refuses a bad configuration", () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== "desktop", "runs once"));

  test("the development sign-in with NODE_ENV=production", async () => {
    const { code, output } = await startServer({ DEV_LOGIN: "1", APP_ENV: "test" });
    expect(code).toBe(1);
    expect(output).toContain("DEV_LOGIN: the development sign-in cannot be enabled when NODE_ENV=production");
  });

  test("production without an auth secret or signing keys", async () => {
    const { code, output } = await startServer({
      APP_ENV: "production",
      AUTH_SECRET: "",
      PUBLIC_BASE_URL: "https://ox.example.com",
    });
    expect(code).toBe(1);
    expect(output).toContain("AUTH_SECRET: is required in production");
    expect(output).toContain("DATA_ENCRYPTION_KEYS: is required in production");
    expect(output).toContain("DATA_HASH_KEY: is required in production");
    expect(output).toContain("QSTASH_CURRENT_SIGNING_KEY: is required in production");
  });

  test("a test clock in production", async () => {
    const { code, output } = await startServer({
      APP_ENV: "production",
      AUTH_SECRET: "x".repeat(40),
      PUBLIC_BASE_URL: "https://ox.example.com",
      SCHEDULER: "off",
      TEST_CLOCK_START: "2026-11-26T10:00:00+09:00",
    });
    expect(code).toBe(1);
    expect(output).toContain("TEST_CLOCK_START: is a test-only switch, refused in production");
  });
});
