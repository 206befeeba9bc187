import { expect, test } from "./support/test";
import { setServerClock } from "./support/clock";

test.describe("session status on /", () => {
  test("Thanksgiving 2026: market closed, next open Friday 06:00 KST, countdown running", async ({
    page,
    request,
    baseURL,
  }, info) => {
    await setServerClock(request, baseURL!, "2026-11-26T10:00:00+09:00");
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    await page.goto("/");
    await expect(page.getByTestId("session-headline")).toHaveText("Market closed — Thanksgiving");
    await expect(page.getByTestId("trading-day")).toHaveText("—");
    await expect(page.getByTestId("next-trading-day")).toHaveText("2026-11-27");
    // 10:00 → 06:00 next day is 20 hours; a few seconds pass while the page loads.
    await expect(page.getByTestId("countdown")).toHaveText(/^19:5\d:\d\d$/);
    const first = await page.getByTestId("countdown").textContent();
    await expect(page.getByTestId("countdown")).not.toHaveText(first!, { timeout: 3000 });
    await expect(page.getByTestId("kst-time")).toContainText("Fri, Nov 27, 6:00 AM");
    await expect(page.getByTestId("local-time")).toContainText("Your time");
    await page.screenshot({
      path: `test-results/screens/home-thanksgiving-${info.project.name}.png`,
      fullPage: true,
    });
  });

  test("an open trading day counts down to the 23:59 KST cutoff, in Korean", async ({
    page,
    request,
    baseURL,
  }, info) => {
    // A day no earlier test has played (the server clock and its jobs are shared).
    const day = info.project.name === "desktop" ? "2026-12-03" : "2026-12-10";
    await setServerClock(request, baseURL!, `${day}T23:00:00+09:00`);
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "ko", url: baseURL! }]);
    await page.goto("/");
    await expect(page.getByTestId("trading-day")).toHaveText(day);
    await expect(page.getByTestId("session-phase")).toHaveText("진행 중");
    await expect(page.getByTestId("countdown")).toHaveText(/^00:5[89]:\d\d$/);
    await page.screenshot({
      path: `test-results/screens/home-open-ko-${info.project.name}.png`,
      fullPage: true,
    });
  });

  test("the viewer's own time zone is shown beside KST", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ timezoneId: "America/Los_Angeles", locale: "en-US" });
    const page = await context.newPage();
    await page.request.post(`${baseURL}/api/test/clock`, {
      data: { at: "2026-11-26T10:00:00+09:00" },
      headers: { Origin: baseURL! },
    });
    await page.goto(`${baseURL}/`);
    // Friday 06:00 KST is Thursday 13:00 in Los Angeles.
    await expect(page.getByTestId("local-time")).toContainText("America/Los_Angeles");
    await expect(page.getByTestId("local-time")).toContainText("Nov 26, 2026, 1:00");
    await context.close();
  });

  test("language follows the browser and the choice is remembered", async ({ browser, baseURL }) => {
    const context = await browser.newContext({
      locale: "en-US",
      extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" },
    });
    const page = await context.newPage();
    await page.goto(`${baseURL}/`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("button", { name: "한국어" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await context.close();
  });
});

test("API: health and session", async ({ request, baseURL }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: { status: "ok", driver: "pglite" } });
  const res = await request.post("/api/test/clock", {
    data: { at: "2026-11-26T10:00:00+09:00" },
    headers: { Origin: baseURL! },
  });
  expect(res.status()).toBe(200);
  const session = await (await request.get("/api/session/today")).json();
  expect(session).toMatchObject({
    tradingDay: null,
    phase: "CLOSED",
    nextOpenAt: "2026-11-27T06:00:00+09:00",
    marketState: "CLOSED",
  });
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
  expect(health.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
