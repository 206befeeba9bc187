import { expect, test, type Browser, type Page, type TestInfo } from "./support/test";
import { advanceServerClock } from "./support/clock";
import { E2E_ADMIN_EMAIL } from "./support/oauth-config";
import { answerSecondFactor, recoveryCodesOf } from "./support/second-factor";
import { nicknameOf, signInWithGoogle } from "./support/signin";

/**
 * The admin's second factor in a real browser: an admin fresh from Google sign-in is refused
 * (403) by the console's pages and API until they set up an authenticator on the gate (a wrong
 * code is refused in place), sees their recovery codes once, is asked again before a point
 * adjustment once 5 minutes have passed (the prompt, then the adjustment goes through), and
 * can come back in on another device with a recovery code — once.
 */
const who = (name: string, info: TestInfo) => `sf-${name}-${info.project.name}`;
const screens = (name: string, info: TestInfo) => `test-results/screens/${name}-${info.project.name}.png`;

/** The admin `sub` signed in through Google on a device of their own, the second factor not yet passed. */
async function adminPage(
  browser: Browser,
  baseURL: string,
  info: TestInfo,
  sub: string,
  locale: "ko" | "en",
) {
  const { viewport, isMobile, hasTouch } = info.project.use;
  const context = await browser.newContext({ baseURL, viewport, isMobile, hasTouch });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
  const page: Page = await context.newPage();
  await signInWithGoogle(page, sub, {
    email: E2E_ADMIN_EMAIL,
    nickname: nicknameOf(sub),
    secondFactor: false,
  });
  return page;
}

test("an admin sets up the second factor, is asked again before a point adjustment, and gets in once with a recovery code", async ({
  browser,
  baseURL,
}, info) => {
  const sub = who("boss", info);
  const page = await adminPage(browser, baseURL!, info, sub, "ko");

  // Refused everywhere in the console until the gate is passed.
  const api = await page.request.get("/api/admin/whoami");
  expect(api.status()).toBe(403);
  expect(await api.json()).toMatchObject({ code: "forbidden:second_factor_required" });
  const res = await page.goto("/admin/points");
  expect(res?.status()).toBe(403);
  const gate = page.getByTestId("second-factor-gate");
  await expect(gate).toBeVisible();
  await expect(gate.getByRole("heading")).toHaveText("인증 앱 설정");
  await expect(gate.getByRole("img", { name: "인증 앱용 QR 코드" })).toBeVisible();
  await page.screenshot({ path: screens("admin-second-factor-enrol", info), fullPage: true });

  // A wrong code is refused in place, in Korean.
  await gate.getByTestId("second-factor-code").fill("000000");
  await gate.getByTestId("second-factor-submit").click();
  await expect(gate.getByRole("alert")).toContainText("코드가 맞지 않거나");
  await expect(gate).toBeVisible();

  // The right one: the recovery codes once, then the page asked for.
  await answerSecondFactor(page, sub, gate);
  await expect(page.getByTestId("points-adjust")).toBeVisible();
  expect((await page.request.get("/api/admin/whoami")).status()).toBe(200);
  expect(recoveryCodesOf(page, sub)).toHaveLength(10);

  // Six minutes later a point adjustment asks for a fresh code first.
  const me = (await (await page.request.get("/api/me")).json()) as { id: string; balance: number };
  await advanceServerClock(page.request, baseURL!, 6 * 60_000);
  await page.goto(`/admin/points?user=${me.id}`);
  await page.getByTestId("points-adjust-amount").fill("25");
  await page.getByTestId("points-adjust-reason").fill("second-factor check");
  await page.getByTestId("points-adjust-submit").click();
  const prompt = page.getByTestId("second-factor-prompt");
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole("heading")).toHaveText("변경 확인");
  await page.screenshot({ path: screens("admin-second-factor-prompt", info) });
  await answerSecondFactor(page, sub, prompt);
  await expect(page.getByTestId("points-adjust-entry.balanceAfter")).toHaveText(String(me.balance + 25));

  // Another device: a recovery code lets the admin in once; the same code again does not.
  const [code] = recoveryCodesOf(page, sub);
  const other = await adminPage(browser, baseURL!, info, sub, "en");
  await other.goto("/admin");
  const again = other.getByTestId("second-factor-gate");
  await expect(again.getByRole("heading")).toHaveText("Confirm it's you");
  await expect(again).toContainText("10 recovery codes left.");
  await again.getByTestId("second-factor-code").fill(code!);
  await again.getByTestId("second-factor-submit").click();
  await expect(other.getByTestId("admin-title")).toBeVisible();

  const third = await adminPage(browser, baseURL!, info, sub, "en");
  await third.goto("/admin");
  const once = third.getByTestId("second-factor-gate");
  await expect(once).toContainText("9 recovery codes left.");
  await once.getByTestId("second-factor-code").fill(code!);
  await once.getByTestId("second-factor-submit").click();
  await expect(once.getByRole("alert")).toContainText("was already used");
  await expect(third.getByTestId("admin-title")).toBeHidden();
  await Promise.all([page.context().close(), other.context().close(), third.context().close()]);
});
