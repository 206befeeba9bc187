import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { totpCode } from "../../support/totp";

/**
 * An admin passing the second factor in the browser, as a person with an authenticator app
 * would: the first time the gate shows a key (read off the page) and then the recovery codes;
 * later it asks for a code. Codes are made for the *server's* clock (the tests move it), and a
 * code is never offered twice: when this step's code was taken, the next step's is (accepted
 * within the window), and when the clock stands before the last step used, a recovery code.
 * What each admin's authenticator holds survives a worker restart (a file per server).
 */
type Held = { secret: string; lastStep: number; recoveryCodes: string[] };

function storeFile(page: Page): string {
  const port = new URL(page.url().startsWith("http") ? page.url() : "http://localhost:3100").port;
  return path.join("test-results", `second-factor-${port || "80"}.json`);
}
function load(page: Page): Record<string, Held> {
  try {
    return JSON.parse(fs.readFileSync(storeFile(page), "utf8")) as Record<string, Held>;
  } catch {
    return {};
  }
}
function save(page: Page, key: string, held: Held) {
  const all = load(page);
  all[key] = held;
  fs.mkdirSync(path.dirname(storeFile(page)), { recursive: true });
  fs.writeFileSync(storeFile(page), JSON.stringify(all));
}

const STEP = 30_000;
const codeAt = (secret: string, step: number) => totpCode(secret, step * STEP);

async function serverNow(page: Page): Promise<number> {
  const res = await page.request.get("/api/test/clock");
  return Date.parse(((await res.json()) as { now: string }).now);
}

/**
 * A code the server takes for the admin `key`: this step's, or the next step's when this one
 * was taken. Each test starts the server clock afresh (support/test.ts), so it may stand before
 * a step this admin already used in an earlier test: then, as a person whose phone shows only
 * used codes would, a recovery code.
 */
async function freshCode(page: Page, held: Held): Promise<{ code: string; step: number }> {
  const now = Math.floor((await serverNow(page)) / STEP);
  const step = Math.max(now, held.lastStep + 1);
  if (step <= now + 1) return { code: codeAt(held.secret, step), step };
  const code = held.recoveryCodes.shift();
  expect(code, "a recovery code left").toBeTruthy();
  return { code: code!, step: held.lastStep };
}

/** Answers the gate or the prompt in `scope` for the admin `key` (their Google `sub`). */
export async function answerSecondFactor(page: Page, key: string, scope: Locator): Promise<void> {
  const shown = scope.getByTestId("second-factor-secret");
  const enrol = await shown.isVisible();
  const held: Held = enrol
    ? { secret: (await shown.textContent())!.replace(/\s/g, ""), lastStep: 0, recoveryCodes: [] }
    : load(page)[key]!;
  expect(held, `the authenticator of ${key} was set up in this run`).toBeTruthy();
  const { code, step } = await freshCode(page, held);
  await scope.getByTestId("second-factor-code").fill(code);
  await scope.getByTestId("second-factor-submit").click();
  if (enrol) {
    const codes = page.getByTestId("recovery-codes");
    await expect(codes).toBeVisible();
    held.recoveryCodes = (await codes.locator("li").allTextContents()).map((c) => c.trim());
    save(page, key, { ...held, lastStep: step });
    await page.getByTestId("recovery-saved").click();
  } else save(page, key, { ...held, lastStep: step });
  await expect(scope).toBeHidden();
}

/**
 * Opens the admin console and passes the gate when it is shown (set-up the first time, a
 * code later). The console's dashboard is showing when it returns.
 */
export async function passAdminGate(page: Page, key: string): Promise<void> {
  await page.goto("/admin");
  const gate = page.getByTestId("second-factor-gate");
  await expect(gate.or(page.getByTestId("admin-title"))).toBeVisible();
  if (await gate.isVisible()) await answerSecondFactor(page, key, gate);
  await expect(page.getByTestId("admin-title")).toBeVisible();
}

/** The recovery codes the admin `key` was shown at set-up. */
export function recoveryCodesOf(page: Page, key: string): string[] {
  return load(page)[key]?.recoveryCodes ?? [];
}
