import {
  boardReady,
  expect,
  test,
  type APIRequestContext,
  type BrowserContext,
  type Page,
  type TestInfo,
} from "./support/test";
import { setServerClock } from "./support/clock";
import { signInWithGoogle } from "./support/signin";

/**
 * The board tells the truth, in the player's language: one reference per card, the cutoff
 * locks the buttons by the server's clock, the ad dialog behaves as a dialog, errors come in
 * the request's language, and visitors are led to sign in and back. Each project plays on
 * days no other test uses (March 2027 on desktop, April 2027 on the phone).
 */
const DAYS = {
  desktop: { truth: "2027-03-02", cutoff: "2027-03-03", errors: "2027-03-04", ad: "2027-03-05" },
  mobile: { truth: "2027-04-06", cutoff: "2027-04-07", errors: "2027-04-08", ad: "2027-04-09" },
} as const;
const daysOf = (info: TestInfo) => DAYS[info.project.name as keyof typeof DAYS];
const shot = (name: string, info: TestInfo) => `test-results/screens/board/${name}-${info.project.name}.png`;

/** The board in `locale` with the server's clock at `at`. */
async function openBoard(
  fx: { page: Page; context: BrowserContext; request: APIRequestContext; baseURL: string },
  locale: "ko" | "en",
  at: string,
) {
  await fx.context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: fx.baseURL }]);
  await setServerClock(fx.request, fx.baseURL, at);
  await fx.page.goto("/");
  await boardReady(fx.page);
}

async function signIn(page: Page, who: string) {
  await signInWithGoogle(page, who);
  await boardReady(page);
}

test("every card's line and % agree; sort, list view and Korean names", async ({
  page,
  context,
  request,
  baseURL,
}, info) => {
  await openBoard(
    { page, context, request, baseURL: baseURL! },
    "ko",
    `${daysOf(info).truth}T12:00:00+09:00`,
  );
  await expect(page.locator("html")).toHaveAttribute("data-updown", "red-up");
  await expect(page.getByTestId("card-NVDA")).toContainText("엔비디아");
  const cards = page.locator("[data-testid^=card-]");
  await expect(cards).toHaveCount(101);
  const pairs = await cards.evaluateAll((els) =>
    els.map((el) => ({
      symbol: el.getAttribute("data-testid"),
      line: el.querySelector("[data-testid=sparkline]")?.getAttribute("data-direction") ?? "none",
      change: el.querySelector("[data-testid=change]")?.getAttribute("data-direction") ?? "none",
    })),
  );
  const priced = pairs.filter((p) => p.change !== "none");
  expect(priced.length).toBeGreaterThan(90);
  expect(priced.filter((p) => p.line !== p.change)).toEqual([]);
  await page.screenshot({ path: shot("cards-ko", info) });

  // Biggest movers first; the list view shows the same cards in rows.
  await page.getByTestId("board-sort").selectOption("movers");
  const pcts = await cards.evaluateAll((els) =>
    els
      .slice(0, 10)
      .map((el) =>
        Math.abs(
          parseFloat((el.querySelector("[data-testid=change]")?.textContent ?? "0").replace("−", "-")),
        ),
      ),
  );
  expect([...pcts].sort((a, b) => b - a)).toEqual(pcts);
  await page.getByTestId("view-list").click();
  await expect(page.getByTestId("board-list")).toBeVisible();
  await expect(cards).toHaveCount(101);
  await page.screenshot({ path: shot("list-ko", info) });

  // Visitors: O/X lead to sign-in, back to the same card.
  const o = page.getByTestId("card-NVDA").getByRole("link").first();
  await expect(o).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent("/#card-NVDA")}`);
});

test("English defaults to green up, and the player can switch", async ({
  page,
  context,
  request,
  baseURL,
}, info) => {
  await openBoard(
    { page, context, request, baseURL: baseURL! },
    "en",
    `${daysOf(info).truth}T12:05:00+09:00`,
  );
  await expect(page.locator("html")).toHaveAttribute("data-updown", "green-up");
  await page.getByTestId("updown-select").selectOption("red-up");
  await expect(page.locator("html")).toHaveAttribute("data-updown", "red-up");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-updown", "red-up");
});

test("at 23:59:00 by the server's clock the buttons lock without a reload", async ({
  page,
  request,
  baseURL,
}, info) => {
  const day = daysOf(info).cutoff;
  await setServerClock(request, baseURL!, `${day}T23:58:40+09:00`);
  await signIn(page, `cutoff-${info.project.name}`);
  await setServerClock(request, baseURL!, `${day}T23:58:57+09:00`);
  await page.goto("/");
  const o = page.getByTestId("card-NVDA").getByRole("button", { name: /Call NVDA up|NVDA 상승/ });
  await expect(o).toBeVisible();
  const before = Date.now();
  await expect(o).toHaveCount(0, { timeout: 10_000 });
  // Three seconds of server time, plus at most one second of the bar's tick.
  expect(Date.now() - before).toBeLessThan(3_000 + 1_500);
  await expect(page.getByTestId("bar-countdown")).toBeVisible();
});

test("POST /api/predictions without a slot answers in the request's language", async ({
  page,
  request,
  baseURL,
}, info) => {
  await setServerClock(request, baseURL!, `${daysOf(info).errors}T12:00:00+09:00`);
  await signIn(page, `errors-${info.project.name}`);
  const post = (symbol: string, headers: Record<string, string>) =>
    page.request.post("/api/predictions", {
      data: { symbol, choice: "UP" },
      headers: { Origin: baseURL!, ...headers },
    });
  for (const s of ["NVDA", "TSLA", "AAPL"]) expect((await post(s, {})).status()).toBe(201);

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "ko", url: baseURL! }]);
  const ko = await post("MSFT", {});
  expect(ko.status()).toBe(409);
  expect(await ko.json()).toMatchObject({
    code: "conflict:no_slot",
    message: "남은 슬롯이 없습니다. 광고를 보거나 다음 충전을 기다리세요.",
  });

  await page.context().clearCookies({ name: "NEXT_LOCALE" });
  const en = await post("MSFT", { "Accept-Language": "en-US,en;q=0.9" });
  expect(await en.json()).toMatchObject({
    code: "conflict:no_slot",
    message: "No slot left. Watch an ad or wait for the next refill.",
  });
});

test("the ad dialog: focus moves in and stays, Esc closes it, the seconds and the bar agree", async ({
  page,
  context,
  request,
  baseURL,
}, info) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await setServerClock(request, baseURL!, `${daysOf(info).ad}T12:00:00+09:00`);
  await signIn(page, `ad-${info.project.name}`);
  await page.getByTestId("watch-ad").click();
  const dialog = page.getByTestId("ad-panel");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(() => Boolean(document.activeElement?.closest("[data-testid=ad-panel]"))),
    ).toBe(true);
  }
  // AD_MIN_WATCH_SECONDS=3 on the e2e server: never more seconds than the ad lasts, and the
  // seconds and the bar read from one render.
  const { left, done } = await page.evaluate(() => ({
    left: Number(
      document.querySelector("[data-testid=ad-seconds-left]")?.textContent?.match(/\d+/)?.[0] ?? 0,
    ),
    done: Number(document.querySelector("[data-testid=ad-progress]")?.getAttribute("aria-valuenow")),
  }));
  expect(left).toBeLessThanOrEqual(3);
  expect(done + left).toBe(3);
  await page.screenshot({ path: shot("ad", info) });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("watch-ad")).toBeFocused();
});
