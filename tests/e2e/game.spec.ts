import { boardReady, expect, test, type Page, type TestInfo } from "./support/test";
import { advanceServerClock, setServerClock } from "./support/clock";
import { dayLabel } from "../../lib/i18n/kst-format";
import { signInWithGoogle } from "./support/signin";

/**
 * A player's day on the board, in a real browser against the production build: calls,
 * running out of slots, the rewarded ad, cancel, change, and the cooldown refill after the
 * server clock moves on five minutes.
 */
const screens = (name: string, info: TestInfo) => `test-results/screens/${name}-${info.project.name}.png`;

/**
 * Due jobs run whenever a test moves the server clock, and a worker's server serves its tests
 * in any order; so each test (and project) plays on trading days no other test uses, and sets
 * the clock itself.
 */
const DAYS = {
  desktop: { flow: "2026-11-27", fuzz: "2026-11-30", cycle: "2026-12-01", cycleSettle: "2026-12-02" },
  mobile: { flow: "2026-12-04", fuzz: "2026-12-07", cycle: "2026-12-08", cycleSettle: "2026-12-09" },
} as const;
const daysOf = (info: TestInfo) => DAYS[info.project.name as keyof typeof DAYS];

/**
 * The simulated market is seeded (SIM_SEED "ox-universe"), so the whole-day test's outcome is
 * known: a call at 06:00 KST snapshots the previous regular close; the day's close decides.
 */
const CYCLE_OUTCOMES = {
  desktop: {
    NVDA: { choice: "UP", snapshot: 205.48, close: 198.8, status: "INCORRECT" },
    TSLA: { choice: "DOWN", snapshot: 616, close: 619.02, status: "INCORRECT" },
    AAPL: { choice: "UP", snapshot: 185.33, close: 187.98, status: "CORRECT" },
  },
  mobile: {
    NVDA: { choice: "UP", snapshot: 213.89, close: 219.31, status: "CORRECT" },
    TSLA: { choice: "DOWN", snapshot: 602.19, close: 591.32, status: "CORRECT" },
    AAPL: { choice: "UP", snapshot: 193.97, close: 195.34, status: "CORRECT" },
  },
} as const;

async function signIn(page: Page, request: Page["request"], baseURL: string, who: string) {
  await signInWithGoogle(page, who, { request, home: baseURL });
  await boardReady(page);
}
const card = (page: Page, symbol: string) => page.getByTestId(`card-${symbol}`);
const slots = (page: Page) => page.getByTestId("slots-available");

async function call(page: Page, symbol: string, choice: "up" | "down") {
  await card(page, symbol)
    .getByRole("button", { name: new RegExp(`Call ${symbol} ${choice}`) })
    .click();
}

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
});

test("a player's day: three calls, no slots, an ad, a fourth call, cancel, change, cooldown refill", async ({
  page,
  request,
  baseURL,
}, info) => {
  await setServerClock(request, baseURL!, `${daysOf(info).flow}T12:00:00+09:00`);
  await signIn(page, request, baseURL!, `gamer-${info.project.name}`);

  await expect(page.getByTestId("simulated-badge")).toBeVisible();
  await expect(page.getByTestId("called-count")).toHaveText("0 of 101 called");
  await expect(slots(page)).toHaveText("3");

  await call(page, "CRWV", "up");
  await expect(card(page, "CRWV")).toHaveAttribute("data-called", "UP");
  await expect(slots(page)).toHaveText("2");
  await call(page, "SPY", "down");
  await expect(slots(page)).toHaveText("1");
  await call(page, "QQQ", "up");
  await expect(slots(page)).toHaveText("0");
  await expect(page.getByTestId("no-slots")).toBeVisible();
  await expect(page.getByTestId("refill-timer")).toContainText("Next slot in");

  // A fourth call is refused by the server and the card rolls back.
  await call(page, "AMAT", "down");
  await expect(page.getByText("No slot left. Watch an ad or wait for the next refill.")).toBeVisible();
  await expect(card(page, "AMAT")).toHaveAttribute("data-called", "none");
  await expect(card(page, "CRWV").getByTestId("my-call")).toContainText("O · up");
  // Nobody else has called CRWV: no crowd split below 5 other players' calls.
  await expect(card(page, "CRWV").getByTestId("crowd")).toHaveCount(0);
  await page.screenshot({ path: screens("board-no-slots", info), fullPage: false });

  // Watch the ad to the end; the slot is granted by the server only then.
  await page.getByTestId("watch-ad").click();
  await expect(page.getByTestId("ad-panel")).toBeVisible();
  await expect(page.getByTestId("claim-ad")).toBeDisabled();
  await page.screenshot({ path: screens("ad", info) });
  await expect(page.getByTestId("claim-ad")).toBeEnabled({ timeout: 15_000 });
  await page.getByTestId("claim-ad").click();
  await expect(page.getByTestId("ad-panel")).toBeHidden();
  await expect(slots(page)).toHaveText("1");
  await call(page, "AMAT", "down");
  await expect(card(page, "AMAT")).toHaveAttribute("data-called", "DOWN");
  await expect(slots(page)).toHaveText("0");
  await expect(page.getByTestId("called-count")).toHaveText("4 of 101 called");

  // Cancel gives the slot back; change flips the call.
  await card(page, "SPY").getByRole("button", { name: "Cancel the call on SPY" }).click();
  await expect(card(page, "SPY")).toHaveAttribute("data-called", "none");
  await expect(slots(page)).toHaveText("1");
  await call(page, "CRWV", "down");
  await expect(card(page, "CRWV").getByTestId("my-call")).toContainText("X · down");

  // Five minutes later the cooldown has refilled one slot, with no callback needed.
  await advanceServerClock(request, baseURL!, 5 * 60_000 + 1_000);
  await page.reload();
  await expect(slots(page)).toHaveText("2");

  const mine = await (await page.request.get("/api/me/predictions")).json();
  const live = (
    mine.predictions as { symbol: string; status: string; choice: string; snapshotPrice: string | null }[]
  ).filter((p) => p.status === "PENDING");
  expect(live.map((p) => `${p.symbol}:${p.choice}`).sort()).toEqual(["AMAT:DOWN", "CRWV:DOWN", "QQQ:UP"]);
  expect(live.every((p) => Number(p.snapshotPrice) > 0)).toBe(true);
  await page.screenshot({ path: screens("board-after", info), fullPage: true });

  await page.goto("/me/predictions");
  await expect(page.getByTestId("call-AMAT").getByTestId("call-status")).toHaveText("Pending");
  await expect(page.getByTestId("call-SPY")).toHaveCount(0);
  await page.screenshot({ path: screens("my-calls", info), fullPage: true });
});

test("a call patches the board from its own answer (no board read); a quick O→X ends as X with one slot used", async ({
  page,
  request,
  baseURL,
}, info) => {
  await setServerClock(request, baseURL!, `${daysOf(info).flow}T12:30:00+09:00`);
  await signIn(page, request, baseURL!, `quick-${info.project.name}`);
  await expect(slots(page)).toHaveText("3");
  const isAction = (r: { method(): string; headers(): Record<string, string> }) =>
    r.method() === "POST" && Boolean(r.headers()["next-action"]);
  const boardReads: string[] = [];
  const actionPosts: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/board") boardReads.push(r.method());
    if (isAction(r)) actionPosts.push(r.url());
  });
  // Server actions are held at the browser's edge until the test lets each one go: a click "while the first is in flight" is certain.
  const held: (() => void)[] = [];
  const home = (url: URL) => url.pathname === "/";
  await page.route(home, async (route) => {
    if (isAction(route.request())) await new Promise<void>((go) => held.push(go));
    await route.continue();
  });
  const inFlight = () => expect.poll(() => held.length);
  const release = async () => {
    await inFlight().toBe(1);
    held.shift()!();
  };

  await call(page, "NVDA", "up");
  await expect(card(page, "NVDA")).toHaveAttribute("data-pending", "true");
  await release();
  await expect(card(page, "NVDA")).toHaveAttribute("data-pending", "false");
  await expect(slots(page)).toHaveText("2");
  await expect(card(page, "NVDA").getByTestId("crowd")).toHaveCount(0);

  // O, then X while the O is still unanswered: the card shows X at once and stays enabled.
  await call(page, "TSLA", "up");
  await expect(card(page, "TSLA")).toHaveAttribute("data-pending", "true");
  await call(page, "TSLA", "down");
  await expect(card(page, "TSLA")).toHaveAttribute("data-called", "DOWN");
  await expect(card(page, "TSLA")).toHaveAttribute("data-pending", "true");
  // The X waits for the O's answer (one request in flight per card), then goes out as a change of that call.
  expect(actionPosts).toHaveLength(2);
  await release();
  await inFlight().toBe(1);
  expect(actionPosts).toHaveLength(3);
  await expect(card(page, "TSLA")).toHaveAttribute("data-pending", "true");
  await expect(card(page, "TSLA")).toHaveAttribute("data-called", "DOWN");
  await release();
  await expect(card(page, "TSLA")).toHaveAttribute("data-pending", "false");
  await expect(card(page, "TSLA")).toHaveAttribute("data-called", "DOWN");
  await expect(card(page, "TSLA").getByTestId("my-call")).toContainText("X · down");
  await expect(slots(page)).toHaveText("1");

  await card(page, "NVDA").getByRole("button", { name: "Cancel the call on NVDA" }).click();
  await expect(card(page, "NVDA")).toHaveAttribute("data-called", "none");
  await release();
  await expect(slots(page)).toHaveText("2");
  await expect(card(page, "NVDA")).toHaveAttribute("data-pending", "false");

  // Submit NVDA, submit TSLA, change TSLA, cancel NVDA: four actions, and not one read of the whole board.
  expect(actionPosts).toHaveLength(4);
  expect(boardReads).toEqual([]);
  const mine = await (await page.request.get("/api/me/predictions")).json();
  const live = (mine.predictions as { symbol: string; status: string; choice: string }[]).filter(
    (p) => p.status === "PENDING",
  );
  expect(live.map((p) => `${p.symbol}:${p.choice}`)).toEqual(["TSLA:DOWN"]);
  const me = await (await page.request.get("/api/me/slots")).json();
  expect(me.slots).toMatchObject({ available: 2 });

  // What the page shows after the patches is what a fresh read of the board shows.
  await page.unroute(home);
  await page.reload();
  await expect(card(page, "TSLA")).toHaveAttribute("data-called", "DOWN");
  await expect(card(page, "NVDA")).toHaveAttribute("data-called", "none");
  await expect(slots(page)).toHaveText("2");
});

test("the board is read-only for visitors and after the cutoff", async ({ page, request, baseURL }, info) => {
  await setServerClock(request, baseURL!, `${daysOf(info).flow}T23:59:00+09:00`);
  await page.goto("/");
  await expect(page.getByTestId("session-headline")).toHaveText("Calls are closed for today");
  await expect(card(page, "NVDA").getByRole("button")).toHaveCount(0);
  const refused = await request.post("/api/predictions", {
    data: { symbol: "NVDA", choice: "UP" },
    headers: { Origin: baseURL! },
  });
  expect(refused.status()).toBe(401);
});

test("fuzzed bodies to the game API → 400/422 with a clear message, nothing written, never 500", async ({
  page,
  request,
  baseURL,
}, info) => {
  await setServerClock(request, baseURL!, `${daysOf(info).fuzz}T13:00:00+09:00`);
  await signIn(page, request, baseURL!, `fuzz-${info.project.name}`);
  const api = page.request;
  // Every body is sent as JSON (a bare string too), so it is the JSON that is refused.
  const headers = { Origin: baseURL!, "Content-Type": "application/json" };
  const huge = "A".repeat(20_000);
  const bodies: unknown[] = [
    {},
    { symbol: "NVDA" },
    { symbol: "NVDA", choice: "SIDEWAYS" },
    { symbol: "NVDA", choice: "UP", tradingDay: "2026-11-20" },
    { symbol: "NVDA", choice: "UP", userId: "00000000-0000-0000-0000-000000000000" },
    { symbol: 42, choice: "UP" },
    { symbol: ["NVDA"], choice: "UP" },
    { symbol: "ZZZZZ", choice: "UP" },
    { symbol: "nv da", choice: "UP" },
    { symbol: huge, choice: "UP" },
    { symbol: "NVDA", choice: "UP", extra: huge },
    [],
    "UP",
    null,
  ];
  for (const data of bodies) {
    const res = await api.post("/api/predictions", { data: data as object, headers });
    // A body over the route's 16 KiB limit is refused unread (413); anything smaller is parsed and refused.
    const refusals = JSON.stringify(data).length > 16 * 1024 ? [413] : [400, 422];
    expect(refusals, `${JSON.stringify(data).slice(0, 60)} → ${res.status()}`).toContain(res.status());
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.message.length).toBeGreaterThan(5);
    expect(JSON.stringify(body)).not.toMatch(/select |insert |postgres|drizzle|at \//i);
  }
  const notJson = await api.post("/api/predictions", {
    data: "{not json",
    headers: { ...headers, "Content-Type": "application/json" },
  });
  expect(notJson.status()).toBe(400);
  for (const [method, url, data] of [
    ["PATCH", "/api/predictions/not-a-uuid", { choice: "UP" }],
    ["PATCH", "/api/predictions/00000000-0000-4000-8000-000000000000", { choice: "UP" }],
    ["PATCH", "/api/predictions/00000000-0000-4000-8000-000000000000", { choice: "UP", symbol: "NVDA" }],
    ["DELETE", "/api/predictions/00000000-0000-4000-8000-000000000000", undefined],
    ["POST", "/api/ads/complete", { token: "x" }],
    ["POST", "/api/ads/complete", { token: "00000000-0000-4000-8000-000000000000" }],
  ] as const) {
    const res = await api.fetch(url, { method, data, headers });
    expect([400, 404, 422], `${method} ${url} → ${res.status()}`).toContain(res.status());
  }
  const mine = await (await api.get("/api/me/predictions")).json();
  expect(mine.predictions).toEqual([]);
  const slots = await (await api.get("/api/me/slots")).json();
  expect(slots.slots).toMatchObject({ available: 3, adSlotsUsed: 0 });
});

test("a whole day on the embedded default: the scheduler opens, closes, collects closes and settles; the player sees the outcome", async ({
  page,
  request,
  baseURL,
}, info) => {
  const { cycle, cycleSettle } = daysOf(info);
  // 05:59 — nothing is open yet; 06:00 — the open job has run.
  await setServerClock(request, baseURL!, `${cycle}T05:59:00+09:00`);
  await signIn(page, request, baseURL!, `cycle-${info.project.name}`);
  await expect(page.getByTestId("session-phase")).toHaveText("Closed");
  await setServerClock(request, baseURL!, `${cycle}T06:00:30+09:00`);
  await page.reload();
  await expect(page.getByTestId("session-phase")).toHaveText("Open");
  await call(page, "NVDA", "up");
  await call(page, "TSLA", "down");
  await call(page, "AAPL", "up");
  await expect(slots(page)).toHaveText("0");

  // 23:59 — closed; the calls wait for the close.
  await setServerClock(request, baseURL!, `${cycle}T23:59:30+09:00`);
  await page.reload();
  await expect(page.getByTestId("session-headline")).toHaveText("Calls are closed for today");
  const session = await (await request.get("/api/session/today")).json();
  expect(session).toMatchObject({ tradingDay: cycle, phase: "CLOSED", acceptingPredictions: false });

  // 06:25 the next morning (US winter: the close is final at 06:20) — closes collected, day settled.
  await setServerClock(request, baseURL!, `${cycleSettle}T06:25:00+09:00`);
  const settled = await (await page.request.get(`/api/me/predictions?day=${cycle}`)).json();
  const calls = settled.predictions as {
    symbol: string;
    choice: string;
    status: string;
    snapshotPrice: string | null;
    closePrice: string | null;
    pointsAwarded: number;
  }[];
  const outcomes = CYCLE_OUTCOMES[info.project.name as keyof typeof CYCLE_OUTCOMES];
  expect(
    Object.fromEntries(
      calls.map((c) => [
        c.symbol,
        {
          choice: c.choice,
          snapshot: Number(c.snapshotPrice),
          close: Number(c.closePrice),
          status: c.status,
        },
      ]),
    ),
  ).toEqual(outcomes);
  for (const c of calls) expect(c.pointsAwarded).toBe(c.status === "CORRECT" ? 50 : 0);
  const correct = Object.values(outcomes).filter((o) => o.status === "CORRECT").length;

  await page.goto("/");
  await expect(page.getByTestId("last-results")).toContainText(`Results of ${dayLabel(cycle, "en")}`);
  await expect(page.getByTestId("last-results-points")).toHaveText(`+${correct * 50} P`);
  const me = await (await page.request.get("/api/me")).json();
  expect(me.balance).toBe(1000 + correct * 50);
  await page.goto(`/me/predictions?day=${cycle}`);
  for (const c of calls) {
    await expect(page.getByTestId(`call-${c.symbol}`).getByTestId("call-status")).toHaveText(
      c.status[0] + c.status.slice(1).toLowerCase(),
    );
  }
  await page.screenshot({ path: screens("settled-day", info), fullPage: true });

  // The price API: the stored close, quotes from the shared cache, clear refusals.
  const eod = await request.get(`/api/prices/eod/NVDA/${cycle}`);
  expect(eod.status()).toBe(200);
  expect(await eod.json()).toMatchObject({ symbol: "NVDA", tradingDay: cycle, source: "simulated" });
  expect((await request.get("/api/prices/eod/NVDA/2026-11-26")).status()).toBe(404);
  const quotes = await (await request.get("/api/prices/quote?symbols=NVDA,TSLA,AAPL")).json();
  expect(quotes.simulated).toBe(true);
  expect(quotes.quotes.map((q: { symbol: string; price: number }) => q.symbol)).toEqual([
    "NVDA",
    "TSLA",
    "AAPL",
  ]);
  expect(quotes.quotes.every((q: { price: number }) => q.price > 0)).toBe(true);
  expect([400, 422]).toContain((await request.get("/api/prices/quote?symbols=")).status());
  expect([400, 422]).toContain((await request.get("/api/prices/quote?symbols=NVDA,bad%20one")).status());
  expect([400, 422]).toContain((await request.get("/api/prices/eod/NVDA/yesterday")).status());
});
