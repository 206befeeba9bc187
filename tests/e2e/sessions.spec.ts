import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from "./support/test";
import { E2E_ADMIN_EMAIL, E2E_PORT } from "./support/oauth-config";
import { nicknameOf, signInWithGoogle } from "./support/signin";

/**
 * Sessions that end (a copied cookie is refused after sign-out; sign out everywhere; an admin
 * ends a player's sessions), demotions that say so, and the CSP with nonces — against the
 * production build.
 */
const ORIGIN = `http://localhost:${E2E_PORT}`;
const who = (name: string, info: TestInfo) => `se-${name}-${info.project.name}`;

async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL }]);
  return context;
}

const signIn = (page: Page, sub: string, email?: string) =>
  signInWithGoogle(page, sub, { email, nickname: nicknameOf(sub) });

async function meStatus(context: BrowserContext) {
  return (await context.request.get("/api/me")).status();
}

/** A second browser holding a copy of this browser's cookies, as a thief would. */
async function copyOf(browser: Browser, baseURL: string, from: BrowserContext) {
  const thief = await newContext(browser, baseURL);
  await thief.addCookies(await from.cookies());
  return thief;
}

test.describe("sessions end when the player says so", () => {
  test("sign out: a cookie copied before is refused afterwards (401 on the API, sign-in page on a page)", async ({
    browser,
    baseURL,
  }, info) => {
    const mine = await newContext(browser, baseURL!);
    const page = await mine.newPage();
    await signIn(page, who("copy", info));
    const thief = await copyOf(browser, baseURL!, mine);
    expect(await meStatus(thief)).toBe(200);

    await page.getByTestId("account-menu").click();
    await page.getByTestId("signout").click();
    await expect(page.getByTestId("header-signin")).toBeVisible();

    expect(await meStatus(thief)).toBe(401);
    const stolen = await thief.newPage();
    await stolen.goto("/me");
    await expect(stolen).toHaveURL(/\/signin\?callbackUrl=%2Fme$/);
    const write = await thief.request.post("/api/me/notifications/read", {
      data: { all: true },
      headers: { Origin: ORIGIN },
    });
    expect(write.status()).toBe(401);
    await Promise.all([mine.close(), thief.close()]);
  });

  test("sign out everywhere (on /me) ends the session of a second browser too", async ({
    browser,
    baseURL,
  }, info) => {
    const sub = who("everywhere", info);
    const laptop = await newContext(browser, baseURL!);
    const phone = await newContext(browser, baseURL!);
    const a = await laptop.newPage();
    const b = await phone.newPage();
    await signIn(a, sub);
    await signIn(b, sub);
    expect(await meStatus(laptop)).toBe(200);
    expect(await meStatus(phone)).toBe(200);
    const phoneCopy = await copyOf(browser, baseURL!, phone);

    await a.goto("/me");
    a.once("dialog", (d) => void d.accept());
    await a.getByTestId("signout-everywhere").click();
    await expect(a.getByTestId("header-signin")).toBeVisible();

    expect(await meStatus(laptop)).toBe(401);
    expect(await meStatus(phone)).toBe(401);
    expect(await meStatus(phoneCopy)).toBe(401);
    await b.goto("/me/points");
    await expect(b).toHaveURL(/\/signin\?callbackUrl=%2Fme%2Fpoints$/);
    // Signing in again is a new session and works.
    await signIn(b, sub);
    expect(await meStatus(phone)).toBe(200);
    await Promise.all([laptop.close(), phone.close(), phoneCopy.close()]);
  });

  test("an admin ends a player's sessions from the console; a player cannot end anyone's", async ({
    browser,
    baseURL,
  }, info) => {
    const playerCtx = await newContext(browser, baseURL!);
    const adminCtx = await newContext(browser, baseURL!);
    const player = await playerCtx.newPage();
    const admin = await adminCtx.newPage();
    await signIn(player, who("ended", info));
    await signIn(admin, who("boss", info), E2E_ADMIN_EMAIL);
    const { id: playerId } = await (await playerCtx.request.get("/api/me")).json();
    const { id: adminId } = await (await adminCtx.request.get("/api/me")).json();

    const refused = await playerCtx.request.post(`/api/admin/users/${adminId}/sessions/end`, {
      data: {},
      headers: { Origin: ORIGIN },
    });
    expect(refused.status()).toBe(403);
    expect(await meStatus(adminCtx)).toBe(200);

    await admin.goto(`/admin/users/${playerId}`);
    await admin.getByTestId("user-end-sessions").click();
    await expect(admin.getByTestId("user-end-sessions-result")).toContainText("1");
    expect(await meStatus(playerCtx)).toBe(401);
    const audit = await (await adminCtx.request.get("/api/admin/audit?action=user.sessions_ended")).json();
    expect(audit.entries[0]).toMatchObject({ action: "user.sessions_ended", target: `user:${playerId}` });
    await Promise.all([playerCtx.close(), adminCtx.close()]);
  });

  test("a demotion is recorded and the role API and the console say it holds against ADMIN_EMAILS", async ({
    browser,
    baseURL,
  }, info) => {
    const adminCtx = await newContext(browser, baseURL!);
    const otherCtx = await newContext(browser, baseURL!);
    const admin = await adminCtx.newPage();
    await signIn(admin, who("boss", info), E2E_ADMIN_EMAIL);
    await signIn(await otherCtx.newPage(), who("deputy", info));
    const { id } = await (await otherCtx.request.get("/api/me")).json();

    const put = (role: string) =>
      adminCtx.request.put(`/api/admin/users/${id}/role`, { data: { role }, headers: { Origin: ORIGIN } });
    expect(await (await put("admin")).json()).toMatchObject({ role: "admin", adminDemotedAt: null });
    const demoted = await (await put("player")).json();
    expect(demoted).toMatchObject({
      role: "player",
      adminDemotedAt: expect.any(String),
      notice: expect.stringContaining("ADMIN_EMAILS"),
    });
    await admin.goto(`/admin/users/${id}`);
    await expect(admin.getByTestId("user-demoted")).toContainText("ADMIN_EMAILS");
    await Promise.all([adminCtx.close(), otherCtx.close()]);
  });
});

test.describe("a CSP with nonces", () => {
  const scriptSrc = (csp: string) =>
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";
  const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

  test("every page response carries a fresh nonce, 'strict-dynamic', no 'unsafe-inline' scripts; img-src is ours; HSTS only over https", async ({
    request,
  }) => {
    const seen = new Set<string>();
    for (const path of ["/", "/", "/rules", "/signin"]) {
      const res = await request.get(path);
      expect(res.status()).toBe(200);
      const csp = res.headers()["content-security-policy"] ?? "";
      const nonce = nonceOf(csp);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(seen.has(nonce!)).toBe(false);
      seen.add(nonce!);
      expect(scriptSrc(csp)).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
      expect(csp).toContain("img-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      // Next put the nonce on its own scripts.
      expect(await res.text()).toContain(`nonce="${nonce}"`);
      expect(res.headers()["strict-transport-security"]).toBeUndefined();
    }
    const tls = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(tls.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  });

  test("no CSP violation or console error on the main pages, signed out and in (player and admin)", async ({
    browser,
    baseURL,
  }, info) => {
    const context = await newContext(browser, baseURL!);
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
    const visit = async (paths: string[]) => {
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), path).toEqual([]);
        // The theme script (next-themes, inline with the nonce) ran: the page has a theme class.
        expect(await page.evaluate(() => document.documentElement.className), path).toMatch(
          /\b(light|dark)\b/,
        );
      }
    };
    await visit(["/", "/rules", "/rewards", "/signin"]);
    await signIn(page, who("csp", info), E2E_ADMIN_EMAIL);
    await visit([
      "/",
      "/me",
      "/me/points",
      "/me/predictions",
      "/me/redemptions",
      "/me/notifications",
      "/rewards",
      "/admin",
      "/admin/users",
      "/admin/rewards",
      "/admin/prices",
      "/admin/jobs",
    ]);
    // The second-factor gate is the admin page's own answer (HTTP 403) until the admin passes it.
    const gate = /\/admin: Failed to load resource: the server responded with a status of 403/;
    expect(problems.filter((p) => !gate.test(p))).toEqual([]);
    await context.close();
  });

  test("a Server Action posted with a foreign or missing Origin → 403, not 500", async ({
    browser,
    baseURL,
  }, info) => {
    const context = await newContext(browser, baseURL!);
    const page = await context.newPage();
    await signIn(page, who("action", info));
    await page.goto("/me");
    // A real action id: the one the nickname form posts to.
    const sent = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await page
      .getByTestId("nickname-form")
      .locator("input")
      .fill(`Act${info.project.name.slice(0, 3)}`);
    await page.getByTestId("nickname-form").locator("button[type=submit]").click();
    const action = await sent;
    const actionId = action.headers()["next-action"]!;
    const body = action.postData() ?? "[]";
    const headers = {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    };
    for (const origin of ["https://evil.example", "null", undefined]) {
      const res = await context.request.post("/me", {
        data: body,
        headers: origin ? { ...headers, Origin: origin } : headers,
      });
      expect(res.status(), String(origin)).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, code: "forbidden:cross_site" });
    }
    await context.close();
  });
});
