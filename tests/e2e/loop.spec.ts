import AxeBuilder from "@axe-core/playwright";
import { setServerClock } from "./support/clock";
import { signInWithGoogle } from "./support/signin";
import { expect, test, type Page, type TestInfo } from "./support/test";
import { startPushService } from "../support/push-service";

/**
 * The daily loop in a browser against the production build: a player's whole morning (reveal,
 * streak +1, rank, share grid through the clipboard, the share page and its Open Graph image),
 * in Korean and English; and opting in to Web Push reminders, the scheduled job firing at the
 * chosen time on the test clock, and a local push service decrypting the message.
 */
type Lang = "en" | "ko";
/** Trading days no other spec plays: (A, B) played on, B's results revealed the morning after. */
const DAYS: Record<string, Record<Lang, [string, string, string]>> = {
  desktop: { en: ["2026-12-14", "2026-12-15", "2026-12-16"], ko: ["2026-12-16", "2026-12-17", "2026-12-18"] },
  mobile: { en: ["2026-12-21", "2026-12-22", "2026-12-23"], ko: ["2026-12-28", "2026-12-29", "2026-12-30"] },
};
const REMINDER_DAY = { desktop: "2027-01-20", mobile: "2027-01-21" } as const;

const TEXT = {
  en: { streak: /Streak 1 → 2 days/, dayRank: /#1 today/, copied: "Copied", score: /correct/ },
  ko: { streak: /연속 1일 → 2일/, dayRank: /오늘 1위/, copied: "복사했습니다", score: /적중/ },
} as const;

const shot = (name: string, info: TestInfo) => `test-results/screens/loop-${name}-${info.project.name}.png`;

const signIn = (page: Page, who: string, baseURL: string) => signInWithGoogle(page, who, { home: baseURL });

async function callApi(page: Page, baseURL: string, symbol: string, choice: "UP" | "DOWN") {
  const res = await page.request.post("/api/predictions", {
    data: { symbol, choice },
    headers: { Origin: baseURL },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** axe (WCAG 2.2 AA) on what this feature draws: the board's own cards are another issue's. */
async function axe(page: Page, include: string) {
  const r = await new AxeBuilder({ page })
    .include(include)
    .withTags(["wcag2a", "wcag2aa", "wcag22aa"])
    .analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function pngSize(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

for (const lang of ["en", "ko"] as const) {
  test(`a player's morning (${lang}): reveal, streak +1, rank, share grid copied, share page and its image`, async ({
    page,
    context,
    baseURL,
  }, info) => {
    const [dayA, dayB, morning] = DAYS[info.project.name]![lang];
    await context.addCookies([{ name: "NEXT_LOCALE", value: lang, url: baseURL! }]);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
    const who = `loop-${lang}-${info.project.name}`;

    // Day A: two calls, settled the next morning (a first streak day).
    await setServerClock(page.request, baseURL!, `${dayA}T09:00:00+09:00`);
    await signIn(page, who, baseURL!);
    await callApi(page, baseURL!, "NVDA", "UP");
    await callApi(page, baseURL!, "TSLA", "DOWN");
    await setServerClock(page.request, baseURL!, `${dayB}T06:30:00+09:00`);
    await page.goto("/");
    await expect(page.getByTestId("morning-reveal")).toBeVisible();
    // Skip is there while the calls are still resolving and leaves with the last one: pressed in
    // time, it shows them all at once; either way every call ends up shown and Skip gone.
    await page
      .getByTestId("reveal-skip")
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    await expect(page.getByTestId("reveal-call")).toHaveCount(2);
    await expect(page.getByTestId("reveal-skip")).toHaveCount(0);
    await page.getByTestId("reveal-close").click();
    await expect(page.getByTestId("streak-badge")).toHaveAttribute("data-streak", "1");

    // Day B: three calls, the goal ring fills as they are made.
    await expect(page.getByTestId("goal")).toHaveAttribute("data-done", "0");
    await callApi(page, baseURL!, "AAPL", "UP");
    await callApi(page, baseURL!, "MSFT", "DOWN");
    await callApi(page, baseURL!, "AMD", "UP");
    await page.reload();
    await expect(page.getByTestId("goal")).toHaveAttribute("data-done", "3");
    await expect(page.getByTestId("morning-reveal")).toHaveCount(0); // once per day

    // The morning after B: the reveal resolves the calls one by one, then streak and rank.
    await setServerClock(page.request, baseURL!, `${morning}T06:30:00+09:00`);
    await page.goto("/");
    const reveal = page.getByTestId("morning-reveal");
    await expect(reveal).toBeVisible();
    await expect(reveal.getByTestId("reveal-call").first()).toBeVisible();
    await expect(reveal.getByTestId("reveal-call")).toHaveCount(3, { timeout: 15_000 });
    await expect(reveal.getByTestId("reveal-streak")).toHaveText(TEXT[lang].streak);
    await expect(reveal.getByTestId("reveal-rank")).toContainText(TEXT[lang].dayRank);
    await page.screenshot({ path: shot(`reveal-${lang}`, info) });
    expect(await axe(page, '[data-testid="morning-reveal"]')).toEqual([]);

    // The grid through the clipboard, as the player would paste it.
    await reveal.getByTestId("share-copy").click();
    await expect(page.getByText(TEXT[lang].copied)).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const mmdd = `${dayB.slice(5, 7)}/${dayB.slice(8, 10)}`;
    expect(copied).toMatch(
      new RegExp(
        `^OX Universe ${mmdd} (⭕|❌)(✅|❌|⬜) (⭕|❌)(✅|❌|⬜) (⭕|❌)(✅|❌|⬜) [0-3]/3 \\+\\d+P 🔥2$`,
      ),
    );
    expect(copied).toContain("⭕"); // AAPL and AMD were O
    expect(copied).not.toMatch(/AAPL|MSFT|AMD/);

    // The public link, its page and its Open Graph image (a 1200×630 PNG).
    await reveal.getByTestId("share-link").click();
    const link = await reveal.getByTestId("share-url").getAttribute("href");
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
    await reveal.getByTestId("reveal-close").click();
    await expect(page.getByTestId("streak-badge")).toHaveAttribute("data-streak", "2");
    await page.goto(link!);
    await expect(page.getByTestId("share-card")).toContainText(who);
    await expect(page.getByTestId("share-card")).toContainText(TEXT[lang].score);
    const og = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(og).toContain("/og?locale=");
    const image = await page.request.get(og!);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
    expect(pngSize(await image.body())).toEqual({ width: 1200, height: 630 });
    await page.screenshot({ path: shot(`share-${lang}`, info), fullPage: true });
    expect(await axe(page, "main")).toEqual([]);

    // The rank on the leaderboard, and the JSON API agrees.
    await page.goto(`/leaderboard?period=day&by=points&day=${dayB}`);
    await expect(page.getByTestId("my-rank")).toHaveAttribute("data-rank", "1");
    await page.screenshot({ path: shot(`leaderboard-${lang}`, info), fullPage: true });
    expect(await axe(page, "main")).toEqual([]);
    await page.goto("/me/stats");
    await expect(page.getByTestId("streak-history")).toBeAttached();
    await page.screenshot({ path: shot(`stats-${lang}`, info), fullPage: true });
    expect(await axe(page, "main")).toEqual([]);
    // Dark mode: the same pages, readable (axe) and looked at.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await expect(page.getByTestId("stats-view")).toBeVisible();
    await page.screenshot({ path: shot(`stats-${lang}-dark`, info), fullPage: true });
    expect(await axe(page, "main")).toEqual([]);
    await page.goto(`/leaderboard?period=week&by=accuracy&day=${dayB}`);
    await page.screenshot({ path: shot(`leaderboard-${lang}-dark`, info), fullPage: true });
    expect(await axe(page, "main")).toEqual([]);
    await page.goto(link!);
    await page.screenshot({ path: shot(`share-${lang}-dark`, info), fullPage: true });
    expect(await axe(page, "main")).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });
    const board = await (await page.request.get(`/api/leaderboard?period=day&by=points&day=${dayB}`)).json();
    expect(board.me).toMatchObject({ rank: 1, entry: { nickname: who, me: true } });
    const me = await (await page.request.get("/api/me")).json();
    expect(me.streak).toEqual({ current: 2, best: 2, freezes: 0 });

    // Revoking the link ends the page and the image.
    const token = link!.split("/").pop()!;
    const revoked = await page.request.delete(`/api/me/shares/${token}`, { headers: { Origin: baseURL! } });
    expect(revoked.status()).toBe(200);
    expect((await page.request.get(`/s/${token}`)).status()).toBe(404);
    expect((await page.request.get(`/s/${token}/og`)).status()).toBe(404);
  });
}

test("opting in to reminders: the job fires at the chosen time and the push decrypts to the reminder", async ({
  page,
  context,
  baseURL,
}, info) => {
  const push = await startPushService();
  try {
    const day = REMINDER_DAY[info.project.name as keyof typeof REMINDER_DAY];
    const subscription = push.subscription();
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    await context.grantPermissions(["notifications"], { origin: baseURL! });
    // The browser's push service is the one thing replaced (no network): subscribe() answers a
    // subscription on the local push service, whose keys the test holds.
    await context.addInitScript((sub) => {
      const fake = { ...sub, toJSON: () => sub, unsubscribe: async () => true };
      let current: typeof fake | null = null;
      PushManager.prototype.subscribe = async function () {
        current = fake;
        return fake as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async function () {
        return current as unknown as PushSubscription | null;
      };
    }, subscription);

    await setServerClock(page.request, baseURL!, `${day}T12:00:00+09:00`);
    await signIn(page, `remind-${info.project.name}`, baseURL!);
    await callApi(page, baseURL!, "NVDA", "UP");
    await page.goto("/me");
    await page.getByTestId("push-enable").click();
    await expect(page.getByTestId("push-toggle")).toHaveAttribute("data-state", "on");
    await page.getByTestId("reminder-at").selectOption("23:00");
    await page.getByTestId("loop-save").click();
    await expect(page.getByText("Saved")).toBeVisible();
    await page.mouse.move(0, 0); // axe measures the resting state, not the hovered button
    await page.screenshot({ path: shot("settings", info), fullPage: true });
    expect(await axe(page, '[data-testid="loop-settings"]')).toEqual([]);

    // Nothing before the chosen time; at 23:00 the scheduled job sends it.
    await setServerClock(page.request, baseURL!, `${day}T22:59:00+09:00`);
    expect(push.received).toHaveLength(0);
    await setServerClock(page.request, baseURL!, `${day}T23:00:00+09:00`);
    const got = await push.waitFor((m) => m.path.endsWith(subscription.endpoint.split("/").pop()!));
    expect(JSON.parse(got.text)).toMatchObject({
      title: "OX Universe",
      body: "59 minutes left, 2 calls unused",
    });
    expect(got.headers.authorization).toMatch(/^vapid t=/);
  } finally {
    await push.close();
  }
});
