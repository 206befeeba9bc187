import { test as base, type Page } from "@playwright/test";
import { setServerClock } from "./clock";
import { appPortOf } from "./oauth-config";

export { expect } from "@playwright/test";
export type {
  APIRequestContext,
  APIResponse,
  Browser,
  BrowserContext,
  Page,
  TestInfo,
} from "@playwright/test";

/** The instant every test starts from (the e2e server's TEST_CLOCK_START): Thanksgiving 2026, 10:00 KST. */
export const DEFAULT_CLOCK = "2026-11-26T10:00:00+09:00";

/**
 * The e2e `test`: each Playwright worker talks to an app server of its own (own port, own
 * embedded database, own server clock; see playwright.config.ts), and every test starts with
 * that server's clock at DEFAULT_CLOCK, so no test depends on what ran before it. A test that
 * needs another day moves the clock itself (support/clock.ts).
 */
export const test = base.extend<{ serverClock: void }, { appPort: number; warmServer: void }>({
  appPort: [async ({}, use, workerInfo) => use(appPortOf(workerInfo.parallelIndex)), { scope: "worker" }],
  // A fresh `next start` loads each route's code on its first request: do that once per worker,
  // outside any test's time budget.
  warmServer: [
    async ({ playwright, appPort }, use) => {
      const request = await playwright.request.newContext({ baseURL: `http://localhost:${appPort}` });
      for (const path of ["/", "/rewards", "/signin", "/api/board", "/api/session/today"])
        await request.get(path);
      await request.dispose();
      await use();
    },
    { scope: "worker", auto: true, timeout: 120_000 },
  ],
  baseURL: async ({ appPort }, use) => use(`http://localhost:${appPort}`),
  // Every page of the test's context waits, after `goto` to one of our HTML pages, until React has
  // hydrated it: a keystroke or a click before that reaches markup React does not answer yet (a
  // slow machine showed it: text typed into /me before hydration never reached the form's state).
  context: async ({ context }, use) => {
    context.on("page", waitForHydrationAfterGoto);
    for (const page of context.pages()) waitForHydrationAfterGoto(page);
    await use(context);
  },
  serverClock: [
    async ({ playwright, baseURL }, use) => {
      const request = await playwright.request.newContext({ baseURL });
      await setServerClock(request, baseURL!, DEFAULT_CLOCK);
      await request.dispose();
      await use();
    },
    { auto: true },
  ],
});

/** `page.goto` that, for an HTML answer, also waits for the root's `html[data-hydrated]` (app/providers.tsx). */
function waitForHydrationAfterGoto(page: Page): void {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    const html = (response?.headers()["content-type"] ?? "").startsWith("text/html");
    if (html && options?.waitUntil !== "commit")
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true", undefined, {
        timeout: 30_000,
      });
    return response;
  };
}

/** Waits until the board is hydrated: a click before that reaches a button React does not answer yet. */
export async function boardReady(page: import("@playwright/test").Page): Promise<void> {
  await base.expect(page.getByTestId("board")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
}
