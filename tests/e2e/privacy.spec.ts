import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from "./support/test";
import { setServerClock } from "./support/clock";
import { E2E_ADMIN_EMAIL, E2E_PORT } from "./support/oauth-config";
import { passAdminGate } from "./support/second-factor";
import { nextSignIn } from "./support/oauth-control";
import ko from "../../messages/ko.json" with { type: "json" };

/**
 * Players own their data, against the production build: "Download my data" and "Delete my
 * account" on /me in Korean (a new sign-in with the same Google account starts over without a
 * second signup bonus); and an admin suspends a player from the console — the player can still
 * sign in and read, but not play — then lifts it.
 */
const ORIGIN = `http://localhost:${E2E_PORT}`;
const who = (name: string, info: TestInfo) => `pv-${name}-${info.project.name}`;
/** Trading days no other spec plays on (each project its own). */
const DAY = { desktop: "2027-03-09", mobile: "2027-03-10" } as const;

async function newContext(browser: Browser, baseURL: string, locale: "ko" | "en"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, acceptDownloads: true });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
  return context;
}

async function signIn(page: Page, sub: string, email = `${sub}@example.com`) {
  await nextSignIn(page.request, "google", {
    sub,
    email,
    emailVerified: true,
    nickname: sub.replace(/[^a-z0-9]/gi, "").slice(0, 16),
  });
  await page.goto("/signin");
  await page.getByTestId("signin-google").click();
  await expect(page.getByTestId("header-balance")).toBeVisible();
  if (email === E2E_ADMIN_EMAIL) await passAdminGate(page, sub);
}

test("a player downloads their data and deletes their account, in Korean; signing in again gives no second bonus", async ({
  browser,
  baseURL,
}, info) => {
  const context = await newContext(browser, baseURL!, "ko");
  const page = await context.newPage();
  const sub = who("leaver", info);
  await signIn(page, sub);
  const me = await (await context.request.get("/api/me")).json();
  expect(me.balance).toBe(1000);

  await page.goto("/me");
  const data = page.getByTestId("account-data");
  await expect(data).toContainText(ko.profile.data.title);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    data.getByRole("link", { name: ko.profile.data.download }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ox-universe-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(
    await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((s) => {
        let text = "";
        s.on("data", (c: Buffer) => (text += c.toString("utf8")));
        s.on("end", () => resolve(text));
        s.on("error", reject);
      });
    }),
  );
  expect(exported.profile).toMatchObject({ id: me.id, nickname: me.nickname, email: `${sub}@example.com` });
  expect(exported.ledger).toMatchObject([{ reason: "SIGNUP_BONUS", amount: 1000 }]);
  expect(exported).toHaveProperty("calls");
  expect(exported).toHaveProperty("redemptions");
  expect(exported).toHaveProperty("notifications");

  await data.getByRole("button", { name: ko.profile.data.delete }).click();
  const dialog = page.getByTestId("delete-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading")).toHaveText(ko.profile.data.deleteTitle);
  const confirm = dialog.getByTestId("confirm-delete");
  await expect(confirm).toBeDisabled();
  await dialog
    .getByLabel(ko.profile.data.confirmLabel.replace("{word}", ko.profile.data.confirmWord))
    .fill("삭제");
  await page.screenshot({ path: `test-results/screens/delete-account-ko-${info.project.name}.png` });
  await confirm.click();

  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await expect(page.getByTestId("header-signin")).toBeVisible();
  expect((await context.request.get("/api/me")).status()).toBe(401);

  // The same Google account again: a new player, without the signup bonus.
  await signIn(page, sub);
  const again = await (await context.request.get("/api/me")).json();
  expect(again.id).not.toBe(me.id);
  expect(again.balance).toBe(0);
  await context.close();
});

test("an admin suspends a player from the console: signed out at once, may read but not play; lifting restores it", async ({
  browser,
  baseURL,
}, info) => {
  const day = DAY[info.project.name as keyof typeof DAY];
  const playerCtx = await newContext(browser, baseURL!, "ko");
  const adminCtx = await newContext(browser, baseURL!, "en");
  await setServerClock(playerCtx.request, baseURL!, `${day}T12:00:00+09:00`);
  const player = await playerCtx.newPage();
  const admin = await adminCtx.newPage();
  await signIn(player, who("suspect", info));
  await signIn(admin, who("boss", info), E2E_ADMIN_EMAIL);
  const { id } = await (await playerCtx.request.get("/api/me")).json();

  await admin.goto(`/admin/users/${id}`);
  admin.once("dialog", (d) => void d.accept());
  const form = admin.getByTestId("user-suspend-form");
  await form.getByLabel("Reason").fill("spam calls");
  await form.getByRole("button", { name: "Suspend" }).click();
  await expect(admin.getByTestId("user-suspended")).toContainText("spam calls");
  expect((await playerCtx.request.get("/api/me")).status()).toBe(401);

  // Signed in again: the history is there, with a notice; playing is refused in Korean.
  await signIn(player, who("suspect", info));
  await player.goto("/me");
  await expect(player.getByTestId("suspended-notice")).toContainText(ko.profile.suspended.title);
  expect((await playerCtx.request.get("/api/me/predictions")).status()).toBe(200);
  const headers = { Origin: ORIGIN };
  const refusals = [
    await playerCtx.request.post("/api/predictions", { data: { symbol: "AAPL", choice: "UP" }, headers }),
    await playerCtx.request.post("/api/ads/start", { data: {}, headers }),
    await playerCtx.request.post("/api/rewards/redeem", {
      data: { sku: "ANY-SKU", requestKey: crypto.randomUUID() },
      headers,
    }),
  ];
  for (const r of refusals) {
    expect(r.status()).toBe(403);
    expect(await r.json()).toMatchObject({
      code: "forbidden:suspended",
      message: ko.serverErrors.forbidden.suspended,
    });
  }
  const myCalls = async () =>
    (await (await playerCtx.request.get(`/api/me/predictions?day=${day}`)).json()) as {
      predictions: unknown[];
    };
  expect((await myCalls()).predictions).toHaveLength(0);

  await admin.reload();
  await admin.getByTestId("user-lift-suspension").click();
  await expect(admin.getByTestId("user-suspend-form")).toBeVisible();
  const call = await playerCtx.request.post("/api/predictions", {
    data: { symbol: "AAPL", choice: "UP" },
    headers,
  });
  expect(call.status()).toBe(201);
  expect((await myCalls()).predictions).toHaveLength(1);
  await player.goto("/me");
  await expect(player.getByTestId("suspended-notice")).toHaveCount(0);
  await Promise.all([playerCtx.close(), adminCtx.close()]);
});
