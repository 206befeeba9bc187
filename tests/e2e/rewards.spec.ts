import { randomUUID } from "node:crypto";
import { expect, test, type APIResponse, type Browser, type Page, type TestInfo } from "./support/test";
import { setServerClock } from "./support/clock";
import { E2E_ADMIN_EMAIL, E2E_PORT } from "./support/oauth-config";
import { nicknameOf, signInWithGoogle } from "./support/signin";

/**
 * Rewards end to end, against the production build: the shop, redeem with its confirm step
 * and request key, the admin's fulfilment queue, refunds and the notifications they send,
 * and the JSON API's refusals (auth, fuzzed bodies, rate limit). Players are unique per
 * project: desktop and mobile share one server and database.
 */
const STICKER = "OX-STICKER-PACK"; // 800 P, stock 200
const COFFEE = "COFFEE-AMERICANO"; // 2,000 P
const MOVIE = "MOVIE-TICKET"; // 9,000 P

const screens = (name: string, info: TestInfo) =>
  `test-results/screens/rewards-${name}-${info.project.name}.png`;
const who = (name: string, info: TestInfo) => `rw-${name}-${info.project.name}`;

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
});

const signIn = (page: Page, sub: string, email?: string) =>
  signInWithGoogle(page, sub, { email, nickname: nicknameOf(sub) });

/** The allow-listed admin, in a browser context of its own with the project's device. */
async function adminPage(browser: Browser, info: TestInfo, baseURL: string): Promise<Page> {
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = info.project.use;
  const context = await browser.newContext({
    baseURL,
    viewport,
    userAgent,
    deviceScaleFactor,
    isMobile,
    hasTouch,
  });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL }]);
  const page = await context.newPage();
  await signIn(page, who("boss", info), E2E_ADMIN_EMAIL);
  return page;
}

const ORIGIN = `http://localhost:${E2E_PORT}`;
const post = (page: Page, path: string, data?: unknown) =>
  page.request.post(path, {
    data: data as object,
    headers: { Origin: ORIGIN, "Content-Type": "application/json" },
  });

async function json(res: APIResponse) {
  return res.json().catch(() => null);
}

const balanceOf = async (page: Page) =>
  (await (await page.request.get("/api/me/points")).json()).balance as number;
const redemptionsOf = async (page: Page) =>
  (await (await page.request.get("/api/me/redemptions")).json()).items as {
    id: string;
    status: string;
    cost: number;
  }[];

test("a player redeems the sticker pack, an admin marks it failed, the player gets the points back and a notification", async ({
  page,
  browser,
  baseURL,
}, info) => {
  await signIn(page, who("alice", info));
  await page.goto("/rewards");
  await expect(page.getByTestId("header-balance")).toHaveText("1,000");
  const sticker = page.getByTestId(`reward-${STICKER}`);
  await expect(sticker).toHaveAttribute("data-state", "available");
  await expect(sticker.getByTestId("reward-cost")).toHaveText("800 P");
  const coffee = page.getByTestId(`reward-${COFFEE}`);
  await expect(coffee).toHaveAttribute("data-state", "unaffordable");
  await expect(coffee.getByTestId("redeem")).toBeDisabled();
  await expect(coffee.getByTestId("redeem")).toHaveText("Need 1,000 more points");
  await page.screenshot({ path: screens("shop", info), fullPage: true });

  await sticker.getByTestId("redeem").click();
  const dialog = page.getByTestId("redeem-dialog");
  await expect(dialog).toContainText("Redeem OX sticker pack?");
  await expect(dialog.getByTestId("balance-after")).toHaveText("Balance after: 200 P");
  await page.screenshot({ path: screens("confirm", info) });
  await dialog.getByTestId("confirm-redeem").click();
  await expect(page.getByText("Redeemed OX sticker pack. It is on its way.")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("header-balance")).toHaveText("200");
  await expect(page.getByTestId("rewards-balance")).toHaveText("200");
  await expect(sticker).toHaveAttribute("data-state", "unaffordable");
  await expect(page.getByTestId("unread-count")).toHaveText("1");

  await page.getByTestId("to-redemptions").click();
  await expect(page).toHaveURL(/\/me\/redemptions$/);
  const [mine] = await redemptionsOf(page);
  expect(mine).toMatchObject({ status: "PENDING", cost: 800 });
  const card = page.getByTestId(`redemption-${mine!.id}`);
  await expect(card.getByTestId("redemption-status")).toHaveText("Pending");
  await expect(card.getByTestId("cancel-redemption")).toBeVisible();
  await page.screenshot({ path: screens("pending", info), fullPage: true });

  // The admin works through the queue and fails it with a reason.
  const admin = await adminPage(browser, info, baseURL!);
  await admin.goto("/admin/rewards");
  const row = admin.getByTestId(`admin-redemption-${mine!.id}`);
  await expect(row).toHaveAttribute("data-status", "PENDING");
  await row.getByTestId("fail-open").click();
  await row.getByTestId("fail-reason").fill("The sticker run is delayed at the printer");
  await admin.screenshot({ path: screens("admin-queue", info), fullPage: true });
  await row.getByTestId("fail-submit").click();
  await expect(admin.getByText("Marked failed; 800 P refunded.")).toBeVisible();
  await expect(row).toHaveCount(0); // gone from the PENDING queue
  await admin.getByTestId("queue-filter-FAILED").click();
  await expect(admin.getByTestId(`admin-redemption-${mine!.id}`)).toHaveAttribute("data-status", "FAILED");
  await admin.screenshot({ path: screens("admin", info), fullPage: true });
  await admin.context().close();

  await page.reload();
  await expect(card.getByTestId("redemption-status")).toHaveText("Failed");
  await expect(card.getByTestId("redemption-refund")).toHaveText("+800 P refunded");
  await expect(card.getByTestId("redemption-reason")).toContainText(
    "The sticker run is delayed at the printer",
  );
  await expect(card.getByTestId("cancel-redemption")).toHaveCount(0);
  await expect(page.getByTestId("header-balance")).toHaveText("1,000");
  await page.screenshot({ path: screens("failed", info), fullPage: true });
  const ledger = (await (await page.request.get("/api/me/points")).json()).items as {
    reason: string;
    amount: number;
  }[];
  expect(ledger.map((e) => `${e.reason}:${e.amount}`)).toEqual([
    "REDEMPTION_REFUND:800",
    "REDEMPTION:-800",
    "SIGNUP_BONUS:1000",
  ]);

  await expect(page.getByTestId("unread-count")).toHaveText("2");
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread");
  await bell.click();
  await expect(page).toHaveURL(/\/me\/notifications$/);
  const failed = page.getByTestId("notification-redemption_failed");
  await expect(failed.getByTestId("notification-title")).toHaveText("OX sticker pack could not be issued");
  await expect(failed.getByTestId("notification-body")).toHaveText("800 P refunded to your balance.");
  await expect(page.getByTestId("notification-redemption_pending")).toBeVisible();
  await page.screenshot({ path: screens("notifications", info), fullPage: true });
  await page.getByTestId("mark-all-read").click();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
  await expect(page.getByTestId("unread-summary")).toHaveText("All caught up.");
  await expect(failed).toHaveAttribute("data-unread", "false");

  // The same pages in Korean.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "ko", url: baseURL! }]);
  await page.goto("/rewards");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("리워드");
  await expect(page.getByTestId(`reward-${STICKER}`)).toContainText("OX 스티커 팩");
  await expect(page.getByTestId(`reward-${COFFEE}`).getByTestId("redeem")).toHaveText("1,000P 더 필요해요");
  await page.screenshot({ path: screens("shop-ko", info), fullPage: true });
  await page.getByTestId(`reward-${STICKER}`).getByTestId("redeem").click();
  await expect(page.getByTestId("redeem-dialog")).toContainText("OX 스티커 팩, 교환할까요?");
  await page.screenshot({ path: screens("confirm-ko", info) });
  await page.getByTestId("redeem-cancel").click();
  await page.goto("/me/redemptions");
  await expect(card.getByTestId("redemption-status")).toHaveText("발송 실패");
  await expect(card.getByTestId("redemption-refund")).toHaveText("+800P 환불됨");
  await page.screenshot({ path: screens("failed-ko", info), fullPage: true });
  await page.goto("/me/notifications");
  await expect(failed.getByTestId("notification-title")).toHaveText("OX 스티커 팩 발송 실패");
  await page.screenshot({ path: screens("notifications-ko", info), fullPage: true });
});

test("a double click redeems once; the admin issues it with a code the player can see; a repeated request key is answered, not repeated", async ({
  page,
  browser,
  baseURL,
}, info) => {
  await signIn(page, who("double", info));
  await page.goto("/rewards");
  await page.getByTestId(`reward-${STICKER}`).getByTestId("redeem").click();
  await page.getByTestId("confirm-redeem").dblclick();
  await expect(page.getByTestId("header-balance")).toHaveText("200");
  const mine = await redemptionsOf(page);
  expect(mine).toHaveLength(1);
  expect(await balanceOf(page)).toBe(200);

  const admin = await adminPage(browser, info, baseURL!);
  await admin.goto("/admin/rewards");
  const row = admin.getByTestId(`admin-redemption-${mine[0]!.id}`);
  await row.getByTestId("issue-open").click();
  await row.getByTestId("issue-code").fill("OX-STK-7Q2M-9ZLA");
  await row.getByTestId("issue-note").fill("Show this code at the OX booth.");
  await row.getByTestId("issue-submit").click();
  await expect(admin.getByText("Marked issued.")).toBeVisible();
  // Issuing again through the API changes nothing; failing an issued one is refused.
  const again = await post(admin, `/api/admin/rewards/redemptions/${mine[0]!.id}/issue`, { code: "OTHER" });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ changed: false, status: "ISSUED" });
  const late = await post(admin, `/api/admin/rewards/redemptions/${mine[0]!.id}/fail`, {
    reason: "too late",
  });
  expect(late.status()).toBe(409);
  expect(await late.json()).toMatchObject({ code: "conflict:redemption_not_pending" });
  await admin.context().close();

  await page.goto("/me/redemptions");
  const card = page.getByTestId(`redemption-${mine[0]!.id}`);
  await expect(card.getByTestId("redemption-status")).toHaveText("Issued");
  await expect(card.getByTestId("redemption-code")).toHaveText("OX-STK-7Q2M-9ZLA");
  await expect(card).toContainText("Show this code at the OX booth.");
  await page.screenshot({ path: screens("issued", info), fullPage: true });
  expect(await balanceOf(page)).toBe(200);

  // The JSON API: one key, one redemption. A fresh player redeems, then cancels through the API.
  await page.context().clearCookies();
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await signIn(page, who("api", info));
  const key = randomUUID();
  const first = await post(page, "/api/rewards/redeem", { sku: STICKER, requestKey: key });
  expect(first.status()).toBe(201);
  const made = await first.json();
  expect(made).toMatchObject({
    created: true,
    balance: 200,
    redemption: { status: "PENDING", cost: 800, sku: STICKER },
  });
  const second = await post(page, "/api/rewards/redeem", { sku: STICKER.toLowerCase(), requestKey: key });
  expect(second.status()).toBe(200);
  expect(await second.json()).toMatchObject({
    created: false,
    balance: 200,
    redemption: { id: made.redemption.id },
  });
  const otherItem = await post(page, "/api/rewards/redeem", { sku: COFFEE, requestKey: key });
  expect(otherItem.status()).toBe(409);
  expect(await otherItem.json()).toMatchObject({ code: "conflict:request_key_reused" });
  expect(await redemptionsOf(page)).toHaveLength(1);

  // The player changes their mind while it is still pending.
  await page.goto("/me/redemptions");
  const pending = page.getByTestId(`redemption-${made.redemption.id}`);
  await pending.getByTestId("cancel-redemption").click();
  await expect(pending.getByTestId("cancel-confirm")).toContainText(
    "Cancel this redemption and get 800 P back?",
  );
  await pending.getByTestId("cancel-redemption-yes").click();
  await expect(page.getByText("Cancelled. 800 P are back in your balance.")).toBeVisible();
  await expect(pending.getByTestId("redemption-status")).toHaveText("Cancelled");
  await expect(pending.getByTestId("redemption-refund")).toHaveText("+800 P refunded");
  await expect(page.getByTestId("header-balance")).toHaveText("1,000");
  const cancelAgain = await post(page, `/api/me/redemptions/${made.redemption.id}/cancel`);
  expect(await cancelAgain.json()).toMatchObject({ changed: false, status: "CANCELLED", balance: 1000 });
  // Someone else's redemption looks exactly like a missing one.
  const notMine = await post(page, `/api/me/redemptions/${mine[0]!.id}/cancel`);
  expect(notMine.status()).toBe(404);
  const missing = await post(page, `/api/me/redemptions/${randomUUID()}/cancel`);
  expect(missing.status()).toBe(404);
  const kinds = (
    (await (await page.request.get("/api/me/notifications")).json()).items as { kind: string }[]
  ).map((n) => n.kind);
  expect(kinds).toEqual(["redemption_cancelled", "redemption_pending"]);
});

test("sold-out and unaffordable rewards cannot be redeemed and say why", async ({
  page,
  browser,
  baseURL,
}, info) => {
  const admin = await adminPage(browser, info, baseURL!);
  const suffix = info.project.name.toUpperCase();
  const soldOut = `RW-SOLDOUT-${suffix}`;
  const last = `RW-LAST-${suffix}`;
  for (const [sku, stock] of [
    [soldOut, 0],
    [last, 1],
  ] as const) {
    const res = await post(admin, "/api/admin/rewards/items", {
      sku,
      nameKo: `테스트 ${sku}`,
      nameEn: `Test ${sku}`,
      descriptionEn: "An e2e reward.",
      imageUrl: "/rewards/sticker.svg",
      cost: 100,
      stock,
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  const taken = await post(admin, "/api/admin/rewards/items", {
    sku: soldOut,
    nameKo: "x",
    nameEn: "x",
    cost: 5,
  });
  expect(taken.status()).toBe(409);

  await signIn(page, who("shopper", info));
  await page.goto("/rewards");
  const soldOutCard = page.getByTestId(`reward-${soldOut}`);
  await expect(soldOutCard).toHaveAttribute("data-state", "soldout");
  await expect(soldOutCard.getByTestId("sold-out")).toHaveText("Sold out");
  await expect(soldOutCard.getByTestId("redeem")).toBeDisabled();
  const movie = page.getByTestId(`reward-${MOVIE}`);
  await expect(movie.getByTestId("redeem")).toBeDisabled();
  await expect(movie.getByTestId("redeem")).toHaveText("Need 8,000 more points");

  // The server says the same to anyone who goes around the page.
  const r1 = await post(page, "/api/rewards/redeem", { sku: soldOut, requestKey: randomUUID() });
  expect(r1.status()).toBe(409);
  expect(await r1.json()).toMatchObject({ ok: false, code: "conflict:sold_out" });
  const r2 = await post(page, "/api/rewards/redeem", { sku: MOVIE, requestKey: randomUUID() });
  expect(r2.status()).toBe(409);
  expect(await r2.json()).toMatchObject({ ok: false, code: "conflict:insufficient_points" });

  // The last unit goes while the player is on the confirm step.
  await page.getByTestId(`reward-${last}`).getByTestId("redeem").click();
  const gone = await post(admin, `/api/admin/rewards/items/${last}/stock`, { quantity: -1 });
  expect(gone.status()).toBe(200);
  expect((await gone.json()).item).toMatchObject({ stock: 0, stockTotal: 0 });
  await page.getByTestId("confirm-redeem").click();
  await expect(page.getByTestId("redeem-error")).toHaveText("Sorry, this reward just sold out.");
  await page.screenshot({ path: screens("sold-out-error", info) });
  await page.getByTestId("redeem-cancel").click();
  await expect(page.getByTestId(`reward-${last}`)).toHaveAttribute("data-state", "soldout");

  // A hidden item leaves the shop and cannot be redeemed.
  const hide = await admin.request.patch(`/api/admin/rewards/items/${soldOut}`, {
    data: { active: false },
    headers: { Origin: baseURL! },
  });
  expect(hide.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId(`reward-${soldOut}`)).toHaveCount(0);
  const r3 = await post(page, "/api/rewards/redeem", { sku: soldOut, requestKey: randomUUID() });
  expect(await r3.json()).toMatchObject({ code: "conflict:reward_inactive" });
  expect(
    (
      await admin.request.patch(`/api/admin/rewards/items/${last}`, {
        data: { active: false },
        headers: { Origin: ORIGIN },
      })
    ).status(),
  ).toBe(200);
  await admin.context().close();

  expect(await balanceOf(page)).toBe(1000);
  expect(await redemptionsOf(page)).toEqual([]);
});

test("anonymous callers get 401, players on the admin API 403, cross-site writes 403", async ({
  page,
  request,
  baseURL,
}, info) => {
  const origin = { Origin: baseURL! };
  const anyId = randomUUID();
  const catalog = await request.get("/api/rewards");
  expect(catalog.status()).toBe(200);
  expect(((await catalog.json()).items as { sku: string }[]).map((i) => i.sku)).toEqual(
    expect.arrayContaining([STICKER, COFFEE, MOVIE]),
  );
  expect((await request.get("/api/rewards?all=1")).status()).toBe(401);

  const anonymous: [string, string][] = [
    ["POST", "/api/rewards/redeem"],
    ["GET", "/api/me/redemptions"],
    ["POST", `/api/me/redemptions/${anyId}/cancel`],
    ["GET", "/api/me/notifications"],
    ["POST", "/api/me/notifications/read"],
    ["GET", "/api/admin/rewards/items"],
    ["POST", "/api/admin/rewards/items"],
    ["PATCH", `/api/admin/rewards/items/${STICKER}`],
    ["POST", `/api/admin/rewards/items/${STICKER}/stock`],
    ["GET", "/api/admin/rewards/redemptions"],
    ["POST", `/api/admin/rewards/redemptions/${anyId}/issue`],
    ["POST", `/api/admin/rewards/redemptions/${anyId}/fail`],
  ];
  const body = { sku: STICKER, requestKey: randomUUID() };
  for (const [method, path] of anonymous) {
    const res = await request.fetch(path, {
      method,
      headers: origin,
      ...(method === "GET" ? {} : { data: body }),
    });
    expect(res.status(), `${method} ${path}`).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: expect.stringMatching(/^unauthorized:/) });
  }

  // Visitors may browse the shop; redeeming starts with signing in.
  await page.goto("/rewards");
  const sticker = page.getByTestId(`reward-${STICKER}`);
  await expect(sticker).toHaveAttribute("data-state", "anonymous");
  await expect(sticker.getByRole("link", { name: "Sign in to redeem" })).toHaveAttribute(
    "href",
    "/signin?callbackUrl=%2Frewards",
  );
  for (const path of ["/me/redemptions", "/me/notifications", "/admin/rewards"]) {
    await page.goto(path);
    await expect(page).toHaveURL(`${baseURL}/signin?callbackUrl=${encodeURIComponent(path)}`);
  }

  await signIn(page, who("pat", info));
  expect((await page.request.get("/api/rewards?all=1")).status()).toBe(403);
  for (const [method, path] of anonymous.filter(([, p]) => p.startsWith("/api/admin/"))) {
    const res = await page.request.fetch(path, {
      method,
      headers: origin,
      ...(method === "GET"
        ? {}
        : { data: { quantity: 5, cost: 1, active: false, reason: "nope", code: "x" } }),
    });
    expect(res.status(), `${method} ${path}`).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, code: "forbidden:admin_only" });
  }
  const adminPageRes = await page.goto("/admin/rewards");
  expect(adminPageRes?.status()).toBe(403);

  for (const headers of [{ Origin: "https://evil.example" }, {}] as Record<string, string>[]) {
    const res = await page.request.post("/api/rewards/redeem", {
      data: { sku: STICKER, requestKey: randomUUID() },
      headers,
    });
    expect(res.status(), JSON.stringify(headers)).toBe(403);
  }
  expect(await balanceOf(page)).toBe(1000);
  expect(await redemptionsOf(page)).toEqual([]);
});

test("fuzzed bodies to the redeem and admin endpoints are refused with 400/422 and write nothing", async ({
  page,
  browser,
  baseURL,
}, info) => {
  await signIn(page, who("fuzz", info));
  await page.goto("/rewards");
  const key = randomUUID();
  const huge = "x".repeat(20_000);
  const redeemBodies: unknown[] = [
    {},
    { sku: STICKER },
    { requestKey: key },
    { sku: STICKER, requestKey: "short" },
    { sku: 800, requestKey: key },
    { sku: [STICKER], requestKey: key },
    { sku: STICKER, requestKey: key, userId: randomUUID() },
    { sku: STICKER, requestKey: key, cost: 1 },
    { sku: "A".repeat(500), requestKey: key },
    { sku: "sticker pack; drop table", requestKey: key },
    { sku: STICKER, requestKey: "k".repeat(101) },
    { sku: STICKER, requestKey: huge },
    { sku: STICKER, requestKey: null },
    [STICKER, key],
    "OX-STICKER-PACK",
    42,
  ];
  for (const data of redeemBodies) {
    const res = await post(page, "/api/rewards/redeem", data);
    // A body over the route's 16 KiB limit is refused unread (413); anything smaller is parsed and refused.
    const tooLarge = JSON.stringify(data).length > 16 * 1024;
    expect(tooLarge ? [413] : [400, 422], JSON.stringify(data).slice(0, 80)).toContain(res.status());
    expect(await json(res)).toMatchObject({
      ok: false,
      code: expect.stringMatching(tooLarge ? /^too_large:/ : /^(bad_request|unprocessable):/),
    });
  }
  for (const raw of ["{not json", "null", ""]) {
    const res = await page.request.post("/api/rewards/redeem", {
      data: raw,
      headers: { Origin: baseURL!, "content-type": "application/json" },
    });
    expect([400, 422], raw).toContain(res.status());
  }
  const cancelBad = await post(page, `/api/me/redemptions/not-a-uuid/cancel`);
  expect([400, 422]).toContain(cancelBad.status());
  const cancelBody = await post(page, `/api/me/redemptions/${randomUUID()}/cancel`, { force: true });
  expect(cancelBody.status()).toBe(400);
  for (const data of [
    {},
    { all: false },
    { ids: [] },
    { ids: ["x"] },
    { all: true, ids: [randomUUID()] },
    { ids: Array(101).fill(randomUUID()) },
  ]) {
    const res = await post(page, "/api/me/notifications/read", data);
    expect([400, 422], JSON.stringify(data).slice(0, 80)).toContain(res.status());
  }
  for (const q of ["limit=0", "limit=1000", "cursor=12", "unread=maybe", "extra=1"]) {
    expect([400, 422], q).toContain((await page.request.get(`/api/me/notifications?${q}`)).status());
    expect([400, 422], q).toContain(
      (await page.request.get(`/api/me/redemptions?${q.replace("unread=maybe", "limit=-1")}`)).status(),
    );
  }
  expect(await balanceOf(page)).toBe(1000);
  expect(await redemptionsOf(page)).toEqual([]);
  expect((await (await page.request.get("/api/me/notifications")).json()).items).toEqual([]);

  const admin = await adminPage(browser, info, baseURL!);
  const before = await (await admin.request.get("/api/admin/rewards/items")).json();
  const item = {
    sku: `RW-FUZZ-${info.project.name.toUpperCase()}`,
    nameKo: "퍼즈",
    nameEn: "Fuzz",
    cost: 100,
  };
  const createBodies: unknown[] = [
    {},
    { ...item, cost: -5 },
    { ...item, cost: 0 },
    { ...item, cost: 1.5 },
    { ...item, cost: "lots" },
    { ...item, cost: 1e12 },
    { ...item, stock: -1 },
    { ...item, sku: "bad sku!" },
    { ...item, sku: "" },
    { ...item, nameKo: "" },
    { ...item, nameEn: "n".repeat(81) },
    { ...item, descriptionEn: huge },
    { ...item, imageUrl: "javascript:alert(1)" },
    { ...item, imageUrl: "//evil.example/x.png" },
    { ...item, vendor: "acme" },
    { ...item, active: "maybe" },
    { ...item, stockTotal: 5 },
    { ...item, id: randomUUID() },
    [item],
  ];
  for (const data of createBodies) {
    const res = await post(admin, "/api/admin/rewards/items", data);
    // Over the route's 16 KiB limit → 413, refused unread; anything smaller is parsed and refused.
    const refusals = JSON.stringify(data).length > 16 * 1024 ? [413] : [400, 422];
    expect(refusals, JSON.stringify(data).slice(0, 80)).toContain(res.status());
    expect(await json(res)).toMatchObject({ ok: false });
  }
  const patchBodies: unknown[] = [
    {},
    { cost: -1 },
    { cost: "free" },
    { stock: 5 },
    { sku: "OTHER-SKU", cost: 900 },
    { active: "yes" },
    { nameEn: "" },
    { stockTotal: 1 },
  ];
  for (const data of patchBodies) {
    const res = await admin.request.patch(`/api/admin/rewards/items/${STICKER}`, {
      data: data as object,
      headers: { Origin: baseURL! },
    });
    expect([400, 422], JSON.stringify(data)).toContain(res.status());
  }
  expect([400, 422]).toContain(
    (
      await admin.request.patch(`/api/admin/rewards/items/${encodeURIComponent("bad sku")}`, {
        data: { cost: 5 },
        headers: { Origin: baseURL! },
      })
    ).status(),
  );
  for (const data of [
    {},
    { quantity: 0 },
    { quantity: 1.5 },
    { quantity: "many" },
    { quantity: 1e12 },
    { quantity: -1e12 },
    { quantity: 5, sku: COFFEE },
    { quantity: 5, extra: 1 },
  ]) {
    const res = await post(admin, `/api/admin/rewards/items/${STICKER}/stock`, data);
    expect([400, 422], JSON.stringify(data)).toContain(res.status());
  }
  const tooMuch = await post(admin, `/api/admin/rewards/items/${STICKER}/stock`, { quantity: -100_000 });
  expect(tooMuch.status()).toBe(409);
  const id = randomUUID();
  for (const [path, data] of [
    [`/api/admin/rewards/redemptions/not-a-uuid/issue`, { code: "X" }],
    [`/api/admin/rewards/redemptions/${id}/issue`, { code: 5 }],
    [`/api/admin/rewards/redemptions/${id}/issue`, { code: "c".repeat(201) }],
    [`/api/admin/rewards/redemptions/${id}/issue`, { code: "X", redemptionId: randomUUID() }],
    [`/api/admin/rewards/redemptions/${id}/issue`, { status: "ISSUED" }],
    [`/api/admin/rewards/redemptions/${id}/fail`, {}],
    [`/api/admin/rewards/redemptions/${id}/fail`, { reason: "" }],
    [`/api/admin/rewards/redemptions/${id}/fail`, { reason: "r".repeat(501) }],
    [`/api/admin/rewards/redemptions/${id}/fail`, { reason: ["no"] }],
    [`/api/admin/rewards/redemptions/${id}/fail`, { reason: "valid reason", refund: 0 }],
  ] as const) {
    const res = await post(admin, path, data);
    expect([400, 422], `${path} ${JSON.stringify(data).slice(0, 60)}`).toContain(res.status());
  }
  for (const q of ["status=DONE", "limit=0", "order=random", "cursor=1", "extra=1"]) {
    expect([400, 422], q).toContain(
      (await admin.request.get(`/api/admin/rewards/redemptions?${q}`)).status(),
    );
  }
  const after = await (await admin.request.get("/api/admin/rewards/items")).json();
  expect(after).toEqual(before);
  await admin.context().close();
});

test("more redemptions than the per-player rate are refused with 429 and Retry-After, counted before the balance check", async ({
  page,
  request,
  baseURL,
}, info) => {
  await signIn(page, who("burst", info));
  await page.goto("/rewards");
  // A fixed one-minute window: the server clock starts a fresh minute, so the burst cannot straddle two.
  await setServerClock(request, baseURL!, "2026-11-26T10:30:00+09:00");
  const answers = await Promise.all(
    Array.from({ length: 12 }, () =>
      post(page, "/api/rewards/redeem", { sku: MOVIE, requestKey: randomUUID() }),
    ),
  );
  const statuses = answers.map((r) => r.status()).sort();
  expect(statuses).toEqual([...Array(10).fill(409), 429, 429]);
  const limited = answers.find((r) => r.status() === 429)!;
  expect(await limited.json()).toMatchObject({ ok: false, code: "rate_limited:redemptions" });
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(Number(limited.headers()["retry-after"])).toBeLessThanOrEqual(60);

  // The shop's server action shares the limit and says so.
  await page.getByTestId(`reward-${STICKER}`).getByTestId("redeem").click();
  await page.getByTestId("confirm-redeem").click();
  await expect(page.getByTestId("redeem-error")).toHaveText(
    "Too many tries in a short time. Wait a minute and try again.",
  );
  await page.screenshot({ path: screens("rate-limited", info) });
  expect(await balanceOf(page)).toBe(1000);
  expect(await redemptionsOf(page)).toEqual([]);
});
