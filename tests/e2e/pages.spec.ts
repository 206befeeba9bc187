import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { E2E_ADMIN_EMAIL } from "./support/oauth-config";
import { passAdminGate } from "./support/second-factor";
import { nextSignIn } from "./support/oauth-control";
import { englishOnlyPhrases } from "./support/english-left";
import { WALKED_PAGES, type WalkedPage } from "./support/pages";
import { expect, test } from "./support/test";

/**
 * Every page (support/pages.ts), in Korean and English, light and dark, at 1440 and 390 px:
 * axe finds no WCAG 2.2 AA violation, the page hydrates
 * without an error and logs no console error, and a Korean page shows no phrase that only
 * the English catalogue has. A screenshot of each is kept under test-results/screens/pages.
 *
 * Each width walks two of the four language × scheme variants, so every variant and every width is
 * walked once per run (desktop: ko light, en dark; mobile: ko dark, en light); `E2E_WALK=all`
 * (`npm run test:e2e:walk`) walks all four at both widths.
 */
// The three walks (anonymous, player, admin) are independent, each signed in on its own: they may
// run on different workers (the longest file of the run would otherwise hold one worker alone).
test.describe.configure({ mode: "parallel" });

const ALL_VARIANTS = [
  { locale: "ko", scheme: "light" },
  { locale: "en", scheme: "dark" },
  { locale: "ko", scheme: "dark" },
  { locale: "en", scheme: "light" },
] as const;
const variantsFor = (project: string) =>
  process.env.E2E_WALK === "all"
    ? ALL_VARIANTS
    : project === "mobile"
      ? ALL_VARIANTS.slice(2)
      : ALL_VARIANTS.slice(0, 2);
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const ENGLISH_ONLY = englishOnlyPhrases();

async function signedIn(browser: Browser, baseURL: string, who: WalkedPage["as"], tag: string) {
  const context = await browser.newContext({ baseURL });
  if (who !== "anonymous") {
    const page = await context.newPage();
    const sub = `walker-${who}-${tag}`;
    await nextSignIn(page.request, "google", {
      sub,
      email: who === "admin" || who === "admin-gate" ? E2E_ADMIN_EMAIL : `${sub}@example.com`,
      emailVerified: true,
      nickname: sub,
    });
    await page.goto("/signin");
    await page.getByTestId("signin-google").click();
    await expect(page.getByTestId("header-balance")).toBeVisible();
    if (who === "admin") await passAdminGate(page, sub);
    await page.close();
  }
  const state = await context.storageState();
  await context.close();
  return state;
}

async function walk(page: Page, target: WalkedPage, variant: (typeof ALL_VARIANTS)[number], shot: string) {
  const problems: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === "error") problems.push(`console: ${m.text().slice(0, 300)}`);
  };
  const onError = (e: Error) => problems.push(`page error: ${e.message.slice(0, 300)}`);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  const res = await page.goto(target.path);
  expect(res?.status(), target.path).toBe(target.status ?? 200);
  await page.waitForLoadState("networkidle");
  // A 404 response logs itself as a console error in Chromium: that one is the page's own answer.
  const own = problems.filter(
    (p) => !(target.status !== undefined && p.includes(`status of ${target.status}`)),
  );

  const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = axe.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes.length}× ${v.nodes[0]?.target.join(" ")} — ${v.nodes[0]?.failureSummary?.split("\n")[1] ?? ""}`,
  );
  let english: string[] = [];
  if (variant.locale === "ko") {
    // What players wrote (nicknames, marked translate="no") is theirs, not the interface's.
    const text = await page.evaluate(() => {
      const own = [...document.querySelectorAll<HTMLElement>('[translate="no"]')];
      const was = own.map((el) => el.style.display);
      own.forEach((el) => (el.style.display = "none"));
      const t = document.body.innerText;
      own.forEach((el, i) => (el.style.display = was[i]!));
      return t;
    });
    english = ENGLISH_ONLY.filter((p) =>
      new RegExp(`(^|[^A-Za-z])${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z])`).test(text),
    );
  }
  await page.screenshot({ path: shot, fullPage: false });
  page.off("console", onConsole);
  page.off("pageerror", onError);
  return { own, violations, english };
}

for (const who of ["anonymous", "player", "admin", "admin-gate"] as const) {
  test(`every ${who} page: axe 0 violations, no hydration or console error, Korean only in Korean`, async ({
    browser,
    baseURL,
  }, info) => {
    test.setTimeout(600_000);
    const state = await signedIn(browser, baseURL!, who, info.project.name);
    const failures: string[] = [];
    for (const variant of variantsFor(info.project.name)) {
      const context: BrowserContext = await browser.newContext({
        baseURL,
        storageState: state,
        colorScheme: variant.scheme,
        viewport: info.project.use.viewport,
        isMobile: info.project.use.isMobile,
        hasTouch: info.project.use.hasTouch,
        deviceScaleFactor: 1,
      });
      await context.addCookies([{ name: "NEXT_LOCALE", value: variant.locale, url: baseURL! }]);
      const page = await context.newPage();
      for (const target of WALKED_PAGES.filter((p) => p.as === who)) {
        const shot = `test-results/screens/pages/${info.project.name}/${target.name}-${variant.locale}-${variant.scheme}.png`;
        const r = await walk(page, target, variant, shot);
        const where = `${target.path} [${variant.locale} ${variant.scheme}]`;
        for (const p of r.own) failures.push(`${where} ${p}`);
        for (const v of r.violations) failures.push(`${where} axe ${v}`);
        for (const e of r.english) failures.push(`${where} English on a Korean page: "${e}"`);
      }
      await context.close();
    }
    expect(failures).toEqual([]);
  });
}

test("the browser's own request for /favicon.ico is answered (a page whose head streams late still gets an icon)", async ({
  request,
}) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^image\//);
  expect((await res.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
});
