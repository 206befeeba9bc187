import fs from "node:fs";
import { expect, test, type Page, type TestInfo } from "./support/test";
import { setServerClock } from "./support/clock";
import { E2E_ADMIN_EMAIL } from "./support/oauth-config";
import { passAdminGate } from "./support/second-factor";
import { nextSignIn } from "./support/oauth-control";
import { WALKED_PAGES } from "./support/pages";

/**
 * An operator's morning on the production build: the dashboard's numbers, a CSV export, and
 * universe edits with guard rails (an unknown ticker refused by name; removing a symbol with a
 * pending call refused until confirmed, then the call is void). Each project has days of its own
 * (the clock moves due jobs): desktop in May 2027, mobile in June 2027.
 */
const DAYS = { desktop: "2027-05-12", mobile: "2027-06-09" } as const;
/** Every admin section (the walker's list): each one's tables fit at 1280 and 1440 px. */
const ADMIN_SECTIONS = WALKED_PAGES.filter((p) => p.as === "admin").map((p) => p.path.slice("/admin".length));

/** The trading day after each: its 05:30 selection follows the rule the test sets. */
const NEXT_DAYS = { desktop: "2027-05-13", mobile: "2027-06-10" } as const;
const dayOf = (info: TestInfo) => DAYS[info.project.name as keyof typeof DAYS];

async function signIn(page: Page, sub: string, email: string, nickname: string) {
  await nextSignIn(page.request, "google", { sub, email, emailVerified: true, nickname });
  await page.goto("/signin");
  await page.getByTestId("signin-google").click();
  await expect(page.getByTestId("header-balance")).toBeVisible();
  if (email === E2E_ADMIN_EMAIL) await passAdminGate(page, sub);
}

test.beforeEach(async ({ context, baseURL }, info) => {
  await context.addCookies([
    { name: "NEXT_LOCALE", value: info.project.name === "mobile" ? "ko" : "en", url: baseURL! },
  ]);
});

test("the morning numbers, a CSV export, universe edits refused for an unknown ticker and confirmed for a removal, the 05:30 rule", async ({
  page,
  browser,
  baseURL,
}, info) => {
  const day = dayOf(info);
  const origin = new URL(baseURL!).origin;
  await setServerClock(page.request, baseURL!, `${day}T12:00:00+09:00`);
  await signIn(page, `morning-admin-${info.project.name}`, E2E_ADMIN_EMAIL, "Morning Boss");
  const uni = await page.request.put(`/api/admin/universe/${day}`, {
    data: { symbols: ["NVDA", "AAPL", "MSFT"] },
    headers: { Origin: origin },
  });
  expect(uni.status(), await uni.text()).toBe(200);

  // A player calls NVDA.
  const nickname = `Morning${info.project.name}`;
  const player = await browser.newContext({ baseURL: baseURL! });
  const pp = await player.newPage();
  await signIn(
    pp,
    `morning-player-${info.project.name}`,
    `morning-${info.project.name}@example.com`,
    nickname,
  );
  const made = await pp.request.post("/api/predictions", {
    data: { symbol: "NVDA", choice: "UP" },
    headers: { Origin: origin },
  });
  expect(made.status(), await made.text()).toBeLessThan(300);

  // The dashboard leads with today's numbers.
  await page.goto("/admin");
  await expect(page.getByTestId("metrics")).toBeVisible();
  await expect(page.getByTestId("metric-playersWithCall")).toHaveText("1");
  await expect(page.getByTestId("metric-calls")).toHaveText("1");
  const api = await (await page.request.get(`/api/admin/metrics?from=${day}&to=${day}`)).json();
  expect(api.days).toHaveLength(1);
  expect(api.days[0]).toMatchObject({ tradingDay: day, playersWithCall: 1, calls: { PENDING: 1 } });

  // A CSV download of the players.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-players").click(),
  ]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toContain("id,nickname,role,created_at,last_sign_in_at,balance");
  expect(csv).toContain(nickname);

  // An unknown ticker is refused by name; nothing changes.
  await page.goto(`/admin/universe?day=${day}`);
  const symbols = page.getByTestId("universe-form-symbols");
  await symbols.fill("NVDA AAPL ZZZZ");
  await page.getByTestId("universe-form-submit").click();
  await expect(page.getByTestId("universe-form-error")).toContainText("ZZZZ");
  await expect(page.getByTestId("universe-list")).not.toContainText("ZZZZ");

  // Removing NVDA (one pending call) needs the confirmation; then the call is void.
  await symbols.fill("AAPL MSFT");
  await page.getByTestId("universe-form-submit").click();
  await expect(page.getByTestId("universe-form-error")).toContainText("universe_removal_unconfirmed");
  await expect(page.getByTestId("universe-list")).toContainText("NVDA");
  await page.screenshot({ path: `test-results/screens/admin-universe-refused-${info.project.name}.png` });
  await page.getByTestId("universe-form-confirmRemoval").check();
  await page.getByTestId("universe-form-submit").click();
  await expect(page.getByTestId("universe-form-voided")).toHaveText("1");
  await expect(page.getByTestId("universe-list")).not.toContainText("NVDA");

  const mine = await (await pp.request.get("/api/me/predictions")).json();
  expect(mine.predictions).toEqual([
    expect.objectContaining({ symbol: "NVDA", status: "VOID", voidReason: "removed_from_universe" }),
  ]);
  await player.close();

  // The 05:30 rule: most active stocks, one pinned, one excluded. The next morning's selection
  // (the clock moves, due jobs run) follows it; then the rule goes back to "keep".
  const policy = page.getByTestId("universe-policy");
  await policy.getByTestId("universe-policy-form-rule").selectOption("MOST_ACTIVE");
  await policy.getByTestId("universe-policy-form-size").fill("12");
  await policy.getByTestId("universe-policy-form-pinned").fill("nke");
  await policy.getByTestId("universe-policy-form-excluded").fill("NKE");
  await policy.getByTestId("universe-policy-form-submit").click();
  await expect(policy.getByTestId("universe-policy-form-error")).toContainText("NKE");
  await policy.getByTestId("universe-policy-form-excluded").fill("AMD");
  await policy.getByTestId("universe-policy-form-submit").click();
  await expect(policy.getByTestId("universe-policy-form-result")).toBeVisible();
  const next = NEXT_DAYS[info.project.name as keyof typeof NEXT_DAYS];
  await setServerClock(page.request, baseURL!, `${next}T05:30:30+09:00`);
  // Months later by the server's clock: past 12 hours, the console asks for the second factor again.
  await passAdminGate(page, `morning-admin-${info.project.name}`);
  await page.goto(`/admin/universe?day=${next}`);
  const chosen = page.getByTestId("universe-list").locator("li");
  await expect(chosen).toHaveCount(12);
  await expect(chosen.first()).toContainText("NKE");
  await expect(page.getByTestId("universe-list")).not.toContainText("AMD");
  await page.screenshot({
    path: `test-results/screens/admin-universe-policy-${info.project.name}.png`,
    fullPage: true,
  });
  await page.getByTestId("universe-policy-form-rule").selectOption("KEEP");
  await page.getByTestId("universe-policy-form-pinned").fill("");
  await page.getByTestId("universe-policy-form-excluded").fill("");
  await page.getByTestId("universe-policy-form-submit").click();
  await expect(page.getByTestId("universe-policy-form-result")).toBeVisible();
});

test("admin sections at 1280 and 1440 px in Korean and English: nothing clipped", async ({
  page,
  baseURL,
}, info) => {
  test.skip(info.project.name !== "desktop", "the desktop project takes the wide screenshots");
  // 44 page loads (11 sections, two widths, two languages) and their screenshots, past the second factor.
  test.setTimeout(300_000);
  await signIn(page, `morning-admin-${info.project.name}`, E2E_ADMIN_EMAIL, "Morning Boss");
  for (const locale of ["ko", "en"]) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      for (const section of ADMIN_SECTIONS) {
        await page.goto(`/admin${section}`);
        await expect(page.getByTestId("admin-nav")).toBeVisible();
        // No table wider than its card: every column, the last one included, is on screen.
        const overflow = await page.evaluate(() =>
          [...document.querySelectorAll("table")].some((t) => {
            const box = t.parentElement!.getBoundingClientRect();
            return t.getBoundingClientRect().right > box.right + 1;
          }),
        );
        expect(overflow, `${locale} ${width} /admin${section}`).toBe(false);
        await page.screenshot({
          path: `test-results/screens/admin${section.replace("/", "-") || "-dashboard"}-${locale}-${width}.png`,
          fullPage: true,
        });
      }
    }
  }
});

/** A day of each project's own to settle from the console, and a past range to backfill. */
const SETTLE_DAYS = { desktop: "2027-05-19", mobile: "2027-06-16" } as const;
const BACKFILLS = {
  desktop: { from: "2027-03-01", to: "2027-03-31" },
  mobile: { from: "2027-04-01", to: "2027-04-30" },
} as const;

test("long operations in the background: a settlement and a backfill show their progress, and are still there after leaving the page", async ({
  page,
  browser,
  baseURL,
}, info) => {
  const project = info.project.name as keyof typeof SETTLE_DAYS;
  const day = SETTLE_DAYS[project];
  const origin = new URL(baseURL!).origin;
  const korean = project === "mobile";
  await setServerClock(page.request, baseURL!, `${day}T12:00:00+09:00`);
  await signIn(page, `runs-admin-${project}`, E2E_ADMIN_EMAIL, "Runs Boss");
  const uni = await page.request.put(`/api/admin/universe/${day}`, {
    data: { symbols: ["AAPL", "MSFT"] },
    headers: { Origin: origin },
  });
  expect(uni.status(), await uni.text()).toBe(200);
  const player = await browser.newContext({ baseURL: baseURL! });
  const pp = await player.newPage();
  await signIn(pp, `runs-player-${project}`, `runs-${project}@example.com`, `Runs${project}`);
  for (const [symbol, choice] of [
    ["AAPL", "UP"],
    ["MSFT", "DOWN"],
  ])
    expect(
      (
        await pp.request.post("/api/predictions", { data: { symbol, choice }, headers: { Origin: origin } })
      ).status(),
    ).toBeLessThan(300);
  await player.close();

  // The next morning, past the close being final; the closes collected by hand, then the day
  // settled from the console (the scheduler's own loop may have been quicker: then the run has
  // nothing left to settle, and still ends with done = total).
  const next = new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  await setServerClock(page.request, baseURL!, `${next}T06:30:00+09:00`, { tick: false });
  await passAdminGate(page, `runs-admin-${project}`);
  const collect = await page.request.post("/api/admin/prices/eod/collect", {
    data: { tradingDay: day },
    headers: { Origin: origin },
  });
  expect(collect.status(), await collect.text()).toBe(200);
  await page.goto(`/admin/settlement?day=${day}`);
  await page.getByTestId("settle-run").click();
  const run = page.getByTestId("settle-run-run").first();
  await expect(run).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(run.getByTestId("settle-run-run-status")).toHaveText(korean ? "성공" : "Succeeded");
  const progress = run.getByTestId("settle-run-run-progress");
  await expect(progress).toHaveText(korean ? /^(\d+)\/\1건 정산$/ : /^(\d+) of \1 calls$/);
  // The page followed the run's end: the day's summary is settled.
  await expect(page.getByTestId("summary-phase")).toContainText(korean ? "정산 완료" : "Settled");
  await page.screenshot({ path: `test-results/screens/admin-settlement-run-${project}.png`, fullPage: true });

  // Left and come back: the run is still shown, with its outcome.
  const runId = await run.getAttribute("data-run-id");
  await page.goto("/admin");
  await page.goto(`/admin/settlement?day=${day}`);
  await expect(page.locator(`[data-run-id="${runId}"]`)).toHaveAttribute("data-status", "SUCCEEDED");

  // A month of closes for two symbols, in the background: closes done of total, then the outcome.
  const range = BACKFILLS[project];
  await page.goto(`/admin/prices?day=${day}`);
  await page.getByTestId("eod-backfill-from").fill(range.from);
  await page.getByTestId("eod-backfill-to").fill(range.to);
  await page.getByTestId("eod-backfill-symbols").fill("AAPL MSFT");
  await page.getByTestId("eod-backfill-submit").click();
  const backfill = page.getByTestId("eod-backfill-run").first();
  await expect(backfill).toHaveAttribute("data-status", "SUCCEEDED");
  const backfillRun = await (
    await page.request.get(`/api/admin/jobs/runs/${await backfill.getAttribute("data-run-id")}`)
  ).json();
  expect(backfillRun).toMatchObject({
    job: "backfill-eod",
    status: "SUCCEEDED",
    progress: { unit: "closes" },
  });
  expect(backfillRun.progress.total).toBeGreaterThanOrEqual(2 * 19);
  expect(backfillRun.progress.done).toBe(backfillRun.progress.total);
  await expect(backfill.getByTestId("eod-backfill-run-progress")).toHaveText(
    korean
      ? `${backfillRun.progress.total}/${backfillRun.progress.total}개 종가 수집`
      : `${backfillRun.progress.total} of ${backfillRun.progress.total} closes`,
  );
  await page.screenshot({ path: `test-results/screens/admin-backfill-run-${project}.png`, fullPage: true });
});
