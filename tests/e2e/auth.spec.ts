import { expect, test, type Page, type TestInfo } from "./support/test";
import { E2E_ADMIN_EMAIL, GOOGLE_ISSUER, type FakeUser, type Tamper } from "./support/oauth-config";
import { passAdminGate } from "./support/second-factor";
import { nextSignIn } from "./support/oauth-control";

/**
 * Sign-in through the real Auth.js provider code against the offline fakes (the e2e server
 * runs `next start`, so the development sign-in is off): Google as an OIDC issuer
 * (oauth2-mock-server), Kakao as a small fake of kauth/kapi.
 */

const screens = (name: string, info: TestInfo) => `test-results/screens/${name}-${info.project.name}.png`;
/** Provider subjects are unique per project: desktop and mobile share one server and database. */
const sub = (name: string, info: TestInfo) => `${name}-${info.project.name}`;
const kakaoId = (n: number, info: TestInfo) => String(n * 10 + (info.project.name === "mobile" ? 1 : 0));

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
});

async function signInThrough(page: Page, provider: "google" | "kakao", path = "/signin") {
  await page.goto(path);
  await page.getByTestId(`signin-${provider}`).click();
}

/** Signs in through Google with the allow-listed admin e-mail; a new player gets the 1,000-point bonus either way. */
async function signInWithAdminEmail(
  page: Page,
  who: { sub: string; emailVerified: boolean; nickname: string },
) {
  await nextSignIn(page.request, "google", { ...who, email: E2E_ADMIN_EMAIL });
  await signInThrough(page, "google");
  await expect(page.getByTestId("header-balance")).toHaveText("1,000");
}

async function signOut(page: Page) {
  await page.getByTestId("account-menu").click();
  await page.getByTestId("signout").click();
  await expect(page.getByTestId("header-signin")).toBeVisible();
}

async function me(page: Page) {
  const res = await page.request.get("/api/me");
  return { status: res.status(), body: await res.json() };
}

test.describe("sign-in through the offline providers", () => {
  test("Google: lands on / with the 1000-point bonus; signs out; signs in again without a second bonus", async ({
    page,
    baseURL,
  }, info) => {
    const user: FakeUser = {
      sub: sub("g-alice", info),
      email: `alice-${info.project.name}@gmail.example`,
      emailVerified: true,
      nickname: "Alice",
    };
    await nextSignIn(page.request, "google", user);
    await signInThrough(page, "google");
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByTestId("header-balance")).toHaveText("1,000");
    await page.screenshot({ path: screens("header-signed-in", info) });

    const first = await me(page);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      nickname: expect.stringMatching(/^Alice\d*$/),
      role: "player",
      balance: 1000,
      email: user.email,
    });

    await signOut(page);
    expect((await me(page)).status).toBe(401);
    await page.screenshot({ path: screens("header-signed-out", info) });

    await signInThrough(page, "google");
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByTestId("header-balance")).toHaveText("1,000");
    const again = await me(page);
    expect(again.body).toMatchObject({ id: first.body.id, balance: 1000 });
    const points = await (await page.request.get("/api/me/points")).json();
    expect(points).toMatchObject({ balance: 1000, nextCursor: null });
    expect(points.items).toEqual([
      expect.objectContaining({ reason: "SIGNUP_BONUS", amount: 1000, balanceAfter: 1000 }),
    ]);
    expect(points.items[0].createdAt).toMatch(/\+09:00$/);
  });

  test("Kakao: lands on / with 1000 points; an unverified e-mail is not linked to the Google player who has it", async ({
    page,
    baseURL,
  }, info) => {
    const sharedEmail = `shared-${info.project.name}@example.com`;
    await nextSignIn(page.request, "google", {
      sub: sub("g-shared", info),
      email: sharedEmail,
      emailVerified: true,
      nickname: "Shared",
    });
    await signInThrough(page, "google");
    await expect(page.getByTestId("header-balance")).toHaveText("1,000");
    const googlePlayer = (await me(page)).body;
    await signOut(page);

    await nextSignIn(page.request, "kakao", {
      sub: kakaoId(7001, info),
      email: sharedEmail,
      emailVerified: false,
      nickname: "김카카오",
    });
    await signInThrough(page, "kakao");
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByTestId("header-balance")).toHaveText("1,000");
    const kakaoPlayer = (await me(page)).body;
    expect(kakaoPlayer.id).not.toBe(googlePlayer.id);
    expect(kakaoPlayer.nickname).toMatch(/^김카카오\d*$/);
    expect(kakaoPlayer.email).toBeUndefined();

    await signOut(page);
    await signInThrough(page, "kakao");
    await expect(page.getByTestId("header-balance")).toHaveText("1,000");
    expect((await me(page)).body).toMatchObject({ id: kakaoPlayer.id, balance: 1000 });
  });

  test("a protected page sends an anonymous visitor to sign in and back; history shows the bonus in KST", async ({
    page,
    baseURL,
  }, info) => {
    // Each test starts at the server clock the fixture set (support/test.ts): read it, to know the expected KST date.
    const { now } = (await (await page.request.get("/api/test/clock")).json()) as { now: string };
    const [yyyy, mm, dd] = now.slice(0, 10).split("-");
    await page.goto("/me/points");
    await expect(page).toHaveURL(`${baseURL}/signin?callbackUrl=%2Fme%2Fpoints`);
    await page.screenshot({ path: screens("signin", info), fullPage: true });
    await nextSignIn(page.request, "google", {
      sub: sub("g-history", info),
      email: null,
      nickname: "Historian",
    });
    await page.getByTestId("signin-google").click();
    await expect(page).toHaveURL(`${baseURL}/me/points`);
    await expect(page.getByTestId("points-balance")).toContainText("1,000");
    const row = page.getByTestId("ledger-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Signup bonus");
    await expect(row.getByTestId("ledger-amount")).toHaveText("+1,000");
    await expect(row.locator("time")).toContainText(`${mm}/${dd}/${yyyy}`);
    await expect(row.locator("time")).toContainText("KST");
    await page.screenshot({ path: screens("me-points", info), fullPage: true });
  });
});

test.describe("refused sign-ins", () => {
  const tampers: Tamper[] = ["state", "nonce", "issuer", "audience", "expired"];
  for (const tamper of tampers) {
    test(`Google with a tampered ${tamper} is refused`, async ({ page, baseURL }, info) => {
      await nextSignIn(
        page.request,
        "google",
        { sub: sub(`g-${tamper}`, info), email: null, nickname: "Mallory" },
        tamper,
      );
      await signInThrough(page, "google");
      await expect(page).toHaveURL(new RegExp(`^${baseURL}/signin\\?error=`));
      await expect(page.getByTestId("signin-error")).toBeVisible();
      await expect(page.getByTestId("header-signin")).toBeVisible();
      expect((await me(page)).status).toBe(401);
      if (tamper === "nonce") await page.screenshot({ path: screens("signin-error", info) });
    });
  }

  test("Kakao with a tampered state is refused", async ({ page, baseURL }, info) => {
    await nextSignIn(page.request, "kakao", { sub: kakaoId(7002, info), nickname: "Mallory" }, "state");
    await signInThrough(page, "kakao");
    await expect(page).toHaveURL(new RegExp(`^${baseURL}/signin\\?error=`));
    expect((await me(page)).status).toBe(401);
  });

  test("an open-redirect callbackUrl lands on this site, never elsewhere", async ({
    page,
    baseURL,
  }, info) => {
    // Through the sign-in page…
    await nextSignIn(page.request, "google", { sub: sub("g-redirect", info), nickname: "Traveller" });
    await signInThrough(page, "google", "/signin?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal");
    await expect(page).toHaveURL(`${baseURL}/`);
    await signOut(page);

    // …and straight at the Auth.js endpoint, past our page (the redirect callback decides).
    for (const callbackUrl of ["https://evil.example/steal", "//evil.example/steal", "/\\evil.example"]) {
      const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
      const start = await page.request.post("/api/auth/signin/google", {
        form: { csrfToken, callbackUrl },
        maxRedirects: 0,
      });
      expect(start.status()).toBe(302);
      const location = start.headers().location!;
      expect(location.startsWith(`${GOOGLE_ISSUER}/authorize?`)).toBe(true);
      await page.goto(location);
      await expect(page).toHaveURL(`${baseURL}/`);
      await expect(page.getByTestId("header-balance")).toHaveText("1,000");
      await signOut(page);
    }
  });
});

test.describe("guards", () => {
  test("anonymous: /api/me and /api/me/points → 401 JSON; admin API → 401", async ({ request }) => {
    for (const path of ["/api/me", "/api/me/points", "/api/me/points?limit=5", "/api/admin/whoami"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, code: "unauthorized:signin_required" });
    }
  });

  test("anonymous /me and /admin are sent to sign in", async ({ page, baseURL }) => {
    await page.goto("/me");
    await expect(page).toHaveURL(`${baseURL}/signin?callbackUrl=%2Fme`);
    await page.goto("/admin");
    await expect(page).toHaveURL(`${baseURL}/signin?callbackUrl=%2Fadmin`);
  });

  test("a player: admin API → 403, /admin page → HTTP 403 with the forbidden page", async ({
    page,
  }, info) => {
    // The allow-listed e-mail, but unverified: never an admin.
    await signInWithAdminEmail(page, { sub: sub("g-player", info), emailVerified: false, nickname: "Pat" });
    const api = await page.request.get("/api/admin/whoami");
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ ok: false, code: "forbidden:admin_only" });
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await page.screenshot({ path: screens("admin-forbidden", info) });
  });

  test("an allow-listed, verified e-mail is an admin: admin API and page open after the second factor", async ({
    page,
  }, info) => {
    const boss = sub("g-boss", info);
    await signInWithAdminEmail(page, { sub: boss, emailVerified: true, nickname: "Boss Lee" });
    const before = await page.request.get("/api/admin/whoami");
    expect(before.status()).toBe(403);
    expect(await before.json()).toMatchObject({ code: "forbidden:second_factor_required" });
    await passAdminGate(page, boss);
    const api = await page.request.get("/api/admin/whoami");
    expect(api.status()).toBe(200);
    expect(await api.json()).toMatchObject({ role: "admin" });
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId("admin-title")).toBeVisible();
  });

  test("cross-site or Origin-less POST to a custom route → 403", async ({ request, baseURL }) => {
    for (const headers of [{ Origin: "https://evil.example" }, { Origin: "null" }, {}] as Record<
      string,
      string
    >[]) {
      const res = await request.post("/api/test/clock", { data: { advanceMs: 0 }, headers });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, code: "forbidden:cross_site" });
    }
    const same = await request.post("/api/test/clock", {
      data: { advanceMs: 0 },
      headers: { Origin: new URL(baseURL!).origin },
    });
    expect(same.status()).toBe(200);
  });
});

test.describe("profile", () => {
  test("set your own nickname: clear errors, then saved and shown in the header menu", async ({
    page,
    baseURL,
  }, info) => {
    await nextSignIn(page.request, "google", {
      sub: sub("g-profile", info),
      email: null,
      nickname: "Provider Name",
    });
    await signInThrough(page, "google", "/signin?callbackUrl=%2Fme");
    await expect(page).toHaveURL(`${baseURL}/me`);
    await expect(page.getByTestId("linked-providers")).toContainText("Google");
    await expect(page.getByTestId("profile-balance")).toContainText("1,000");

    const input = page.getByLabel("Nickname");
    await input.fill("the admin");
    await expect(page.getByTestId("nickname-error")).toHaveText("This nickname is reserved.");
    await input.fill("x");
    await expect(page.getByTestId("nickname-error")).toHaveText("A nickname is at least 2 characters.");
    await page.screenshot({ path: screens("me-error", info), fullPage: true });

    const chosen = `Neo ${info.project.name}`;
    await input.fill(chosen);
    await expect(page.getByTestId("nickname-error")).toHaveText("");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Nickname saved.")).toBeVisible();
    await expect(page.getByTestId("profile-nickname")).toHaveText(chosen);
    expect((await me(page)).body.nickname).toBe(chosen);
    await page.getByTestId("account-menu").click();
    await expect(page.getByTestId("account-nickname")).toHaveText(chosen);
    await page.keyboard.press("Escape");
    await page.screenshot({ path: screens("me", info), fullPage: true });
  });

  test("a taken nickname is refused by the server with a clear message (Korean)", async ({
    page,
    context,
    baseURL,
  }, info) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "ko", url: baseURL! }]);
    await nextSignIn(page.request, "google", {
      sub: sub("g-first", info),
      email: null,
      nickname: `Taken ${info.project.name}`,
    });
    await signInThrough(page, "google");
    await expect(page.getByTestId("header-balance")).toHaveText("1,000");
    await signOut(page);
    await nextSignIn(page.request, "kakao", { sub: kakaoId(7003, info), nickname: "둘째" });
    await signInThrough(page, "kakao", "/signin?callbackUrl=%2Fme");
    await expect(page).toHaveURL(`${baseURL}/me`);
    // Typed before the page hydrates (its scripts held back): the form takes the text up once
    // React arrives, instead of keeping Save disabled until the next keystroke.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/_next\/static\/chunks\/.*\.js(\?|$)/, async (route) => {
      await held;
      await route.continue();
    });
    await page.reload({ waitUntil: "commit" });
    await page.getByLabel("닉네임").fill(`taken ${info.project.name}`);
    await page.getByTestId("goal-input").fill("5");
    release();
    await page.getByRole("button", { name: "저장", exact: true }).click();
    await expect(page.getByTestId("nickname-error")).toHaveText("이미 사용 중인 닉네임이에요.");
    // The daily goal changed before hydration is the one saved.
    await page.getByTestId("loop-save").click();
    await expect
      .poll(async () => (await (await page.request.get("/api/me/loop")).json()).settings.dailyGoal)
      .toBe(5);
    await page.screenshot({ path: screens("me-taken-ko", info), fullPage: true });
  });
});
