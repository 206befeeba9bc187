import { expect, test, type APIRequestContext, type Browser, type Page, type TestInfo } from "./support/test";
import { setServerClock } from "./support/clock";
import { E2E_ADMIN_EMAIL } from "./support/oauth-config";
import { signInWithGoogle } from "./support/signin";

/**
 * The admin console against the production build: role checks on every admin page and route,
 * then an operator's day through the JSON API and the pages (universe, sessions, EOD,
 * settlement, points, jobs, integrity, audit). Moving the clock runs due jobs, so each project
 * works on days no other test uses: desktop in January 2027, mobile in February 2027.
 */
const DAYS = {
  desktop: {
    clock: "2027-01-08T12:00:00+09:00",
    settle: "2027-01-05",
    holiday: "2027-01-18",
    afterHoliday: "2027-01-19",
    jobDay: "2027-01-14",
  },
  mobile: {
    clock: "2027-02-05T12:00:00+09:00",
    settle: "2027-02-02",
    holiday: "2027-02-15",
    afterHoliday: "2027-02-16",
    jobDay: "2027-02-11",
  },
} as const;
const daysOf = (info: TestInfo) => DAYS[info.project.name as keyof typeof DAYS];
const screens = (name: string, info: TestInfo) =>
  `test-results/screens/admin-${name}-${info.project.name}.png`;
const playerEmail = (info: TestInfo) => `ops-player-${info.project.name}@example.com`;

const ADMIN_PAGES = [
  "/admin",
  "/admin/universe",
  "/admin/sessions",
  "/admin/prices",
  "/admin/settlement",
  "/admin/points",
  "/admin/users",
  "/admin/jobs",
  "/admin/errors",
  "/admin/audit",
];
const ADMIN_GETS = [
  "/api/admin/health",
  "/api/admin/prices/quotes",
  "/api/admin/prices/validation?day=2027-01-05",
  "/api/admin/settlement/2027-01-05",
  "/api/admin/sessions/2027-01-05",
  "/api/admin/points/stats?from=2027-01-01&to=2027-01-05",
  "/api/admin/users?q=a",
  "/api/admin/jobs",
  "/api/admin/errors",
  "/api/admin/audit",
  "/api/admin/alerts",
];
const ADMIN_WRITES: [string, string, unknown][] = [
  ["POST", "/api/admin/sessions/2027-01-05", { action: "open" }],
  ["POST", "/api/admin/prices/eod/collect", { tradingDay: "2027-01-05" }],
  ["POST", "/api/admin/prices/eod/backfill", { from: "2027-01-04", to: "2027-01-05" }],
  ["POST", "/api/admin/prices/eod/manual", { tradingDay: "2027-01-05", symbol: "NVDA", close: 1 }],
  ["POST", "/api/admin/settlement/2027-01-05", {}],
  ["POST", "/api/admin/settlement/2027-01-05/symbol", { symbol: "NVDA", close: 1 }],
  [
    "POST",
    "/api/admin/points/adjust",
    { userId: "00000000-0000-4000-8000-000000000000", amount: 1, reason: "nope" },
  ],
  ["POST", "/api/admin/integrity", {}],
  ["PUT", "/api/admin/users/00000000-0000-4000-8000-000000000000/role", { role: "admin" }],
  ["POST", "/api/admin/jobs/integrity-check/run", {}],
  ["POST", "/api/admin/errors/cleanup", { olderThanDays: 1 }],
  ["POST", "/api/admin/alerts/00000000-0000-4000-8000-000000000000/ack", {}],
  ["PUT", "/api/admin/universe/2027-01-05", {}],
];

test.beforeEach(async ({ context, baseURL }, info) => {
  // Desktop reads the console in English, the phone in Korean: both translations get rendered.
  await context.addCookies([
    { name: "NEXT_LOCALE", value: info.project.name === "mobile" ? "ko" : "en", url: baseURL! },
  ]);
});

const signIn = (page: Page, sub: string, email: string, nickname: string) =>
  signInWithGoogle(page, sub, { email, nickname });

function send(request: APIRequestContext, origin: string, method: string, path: string, data?: unknown) {
  return request.fetch(path, { method, data, headers: { Origin: origin } });
}

test("a player gets 403 on every admin page and admin route", async ({ page, baseURL }, info) => {
  await signIn(page, `ops-player-${info.project.name}`, playerEmail(info), `OpsPlayer${info.project.name}`);
  for (const path of ADMIN_PAGES) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
  }
  await expect(page.getByTestId("forbidden")).toBeVisible();
  for (const path of ADMIN_GETS) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, code: "forbidden:admin_only" });
  }
  for (const [method, path, body] of ADMIN_WRITES) {
    const res = await send(page.request, new URL(baseURL!).origin, method, path, body);
    expect(res.status(), `${method} ${path}`).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, code: "forbidden:admin_only" });
  }
});

/** The player the operator adjusts signs in once (again, if the test above already made them). */
async function ensurePlayer(browser: Browser, baseURL: string, info: TestInfo) {
  const context = await browser.newContext({ baseURL });
  await signIn(
    await context.newPage(),
    `ops-player-${info.project.name}`,
    playerEmail(info),
    `OpsPlayer${info.project.name}`,
  );
  await context.close();
}

test("an operator's day: universe, holiday guard, settlement preconditions, EOD, manual symbol, points, jobs, integrity", async ({
  page,
  browser,
  baseURL,
}, info) => {
  const d = daysOf(info);
  const origin = new URL(baseURL!).origin;
  const api = (method: string, path: string, data?: unknown) =>
    send(page.request, origin, method, path, data);
  await setServerClock(page.request, baseURL!, d.clock);
  await ensurePlayer(browser, baseURL!, info);
  await signIn(page, `ops-admin-${info.project.name}`, E2E_ADMIN_EMAIL, "Ops Boss");

  // Universe: the default list (101) for a day that has none yet.
  const uni = await api("PUT", `/api/admin/universe/${d.settle}`, {});
  expect(uni.status(), await uni.text()).toBe(200);
  expect(await uni.json()).toMatchObject({
    tradingDay: d.settle,
    added: 101,
    updated: 0,
    removed: 0,
    total: 101,
  });

  // Bad input is 400/422, never 500.
  expect((await api("POST", `/api/admin/sessions/${d.settle}`, { action: "explode" })).status()).toBe(422);
  expect((await api("POST", `/api/admin/sessions/${d.settle}`, { action: "open", extra: 1 })).status()).toBe(
    400,
  );
  expect((await api("POST", "/api/admin/sessions/2027-02-30", { action: "open" })).status()).toBe(400);
  expect(
    (
      await api("POST", "/api/admin/prices/eod/manual", { tradingDay: d.settle, symbol: "NVDA", close: "-3" })
    ).status(),
  ).toBe(422);
  expect((await api("POST", "/api/admin/jobs/no-such-job/run", {})).status()).toBe(404);

  // Sessions: a holiday is refused with the next trading day.
  const holiday = await api("POST", `/api/admin/sessions/${d.holiday}`, { action: "open" });
  expect(holiday.status()).toBe(409);
  const holidayBody = await holiday.json();
  expect(holidayBody).toMatchObject({
    code: "conflict:not_trading_day",
    details: { nextTradingDay: d.afterHoliday },
  });
  expect(holidayBody.message).toContain(d.afterHoliday);

  // Settlement before the closes are collected: 409 saying to collect EOD first.
  const early = await api("POST", `/api/admin/settlement/${d.settle}`);
  expect(early.status()).toBe(409);
  const earlyBody = await early.json();
  expect(earlyBody).toMatchObject({ code: "conflict:eod_missing", details: { runFirst: "collect-eod" } });
  // In the page's language: the phone reads the console in Korean.
  expect(earlyBody.message).toMatch(
    info.project.name === "mobile" ? /먼저 종가를 수집하세요/ : /Collect the EOD closes first/,
  );

  // The validation view shows every symbol missing, then EOD collection fills them.
  const before = await (await page.request.get(`/api/admin/prices/validation?day=${d.settle}`)).json();
  expect(before).toMatchObject({ universe: 101, missing: 101, withClose: 0 });
  const collect = await api("POST", "/api/admin/prices/eod/collect", { tradingDay: d.settle });
  expect(collect.status(), await collect.text()).toBe(200);
  expect(await collect.json()).toMatchObject({ tradingDay: d.settle, stored: 101, pending: 0 });
  const after = await (await page.request.get(`/api/admin/prices/validation?day=${d.settle}`)).json();
  expect(after).toMatchObject({ missing: 0, withClose: 101 });
  expect(after.rows[0]).toMatchObject({ source: "simulated", missing: false });

  // Settling runs in the background: 202 with the run, followed until it ends.
  const settled = await api("POST", `/api/admin/settlement/${d.settle}`);
  expect(settled.status(), await settled.text()).toBe(202);
  const started = await settled.json();
  expect(started.runs).toMatchObject([
    { job: "settle", businessKey: d.settle, status: "RUNNING", fresh: true },
  ]);
  await expect
    .poll(
      async () =>
        (await (await page.request.get(`/api/admin/jobs/runs/${started.runs[0].runId}`)).json()).status,
    )
    .toBe("SUCCEEDED");
  const run = await (await page.request.get(`/api/admin/jobs/runs/${started.runs[0].runId}`)).json();
  expect(run).toMatchObject({
    result: { tradingDay: d.settle, settlement: { complete: true, phase: "SETTLED" } },
    progress: { unit: "calls" },
  });
  expect(run.progress.done).toBe(run.progress.total);

  // One symbol settled manually with a given close: stored as a manual close.
  const manual = await api("POST", `/api/admin/settlement/${d.settle}/symbol`, {
    symbol: "NVDA",
    close: "123.45",
  });
  expect(manual.status(), await manual.text()).toBe(200);
  expect(await manual.json()).toMatchObject({ symbol: "NVDA", close: 123.45, complete: true });
  const summary = await (await page.request.get(`/api/admin/settlement/${d.settle}`)).json();
  expect(summary.symbols.find((s: { symbol: string }) => s.symbol === "NVDA")).toMatchObject({
    closeSource: "manual",
  });

  await page.goto(`/admin/settlement?day=${d.settle}`);
  // The phase as a label in the page's language (mobile reads Korean, desktop English).
  await expect(page.getByTestId("summary-phase")).toContainText(
    info.project.name === "mobile" ? "정산 완료" : "Settled",
  );
  await expect(page.getByTestId("summary-NVDA")).toContainText("123.45");
  await page.screenshot({ path: screens("settlement", info) });

  // Points: adjust a player through the page, with a reason; the audit log shows it.
  const hits = await (
    await page.request.get(`/api/admin/users?q=${encodeURIComponent(playerEmail(info))}`)
  ).json();
  expect(hits.users).toHaveLength(1);
  const player = hits.users[0] as { id: string; balance: number };
  await page.goto(`/admin/users/${player.id}`);
  await expect(page.getByTestId("user-balance")).toContainText(player.balance.toLocaleString("en-US"));
  await page.screenshot({ path: screens("user", info) });
  await page.getByTestId("user-adjust-link").click();
  await expect(page.getByTestId("points-adjust-userId")).toHaveValue(player.id);
  await page.getByTestId("points-adjust-amount").fill("250");
  const reason = `goodwill ${info.project.name}`;
  await page.getByTestId("points-adjust-reason").fill(reason);
  await page.getByTestId("points-adjust-submit").click();
  await expect(page.getByTestId("points-adjust-entry.balanceAfter")).toHaveText(String(player.balance + 250));
  await page.screenshot({ path: screens("points", info) });

  // The same adjustment id sent twice posts once (double-submit safe).
  const adjustmentId = crypto.randomUUID();
  const adjust = async () =>
    (
      await api("POST", "/api/admin/points/adjust", {
        userId: player.id,
        amount: -50,
        reason: "double submit",
        adjustmentId,
      })
    ).json();
  const first = await adjust();
  const again = await adjust();
  expect([first.created, again.created]).toEqual([true, false]);
  expect(again.entry.balanceAfter).toBe(player.balance + 200);

  const audit = await (await page.request.get("/api/admin/audit?action=points.adjust&limit=20")).json();
  expect(audit.entries.filter((e: { target: string }) => e.target === `user:${player.id}`)).toHaveLength(2);
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-entries")).toContainText(reason);
  for (const action of ["universe.upsert", "prices.collect_eod", "jobs.run", "settlement.manual_symbol"]) {
    await expect(page.getByTestId("audit-entries")).toContainText(action);
  }
  await page.screenshot({ path: screens("audit", info) });

  // Jobs: a re-run for a chosen day through the page shows up in the list.
  await page.goto("/admin/jobs");
  await page.getByTestId("job-run-job").selectOption("select-universe");
  await page.getByTestId("job-run-tradingDay").fill(d.jobDay);
  await page.getByTestId("job-run-submit").click();
  await expect(page.getByTestId("job-run-run").first()).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByTestId("job-runs")).toContainText(d.jobDay);
  const runs = await (await page.request.get("/api/admin/jobs?job=select-universe&limit=50")).json();
  expect(runs.runs.find((r: { businessKey: string }) => r.businessKey === d.jobDay)).toMatchObject({
    status: "SUCCEEDED",
    trigger: "admin",
  });
  await page.screenshot({ path: screens("jobs", info) });

  // Integrity check through the page: no problems.
  await page.goto("/admin/points");
  await page.getByTestId("integrity-run").click();
  await expect(page.getByTestId("integrity-run-ok")).toHaveText("true");
  const integrity = await (await api("POST", "/api/admin/integrity")).json();
  expect(integrity).toEqual({ ok: true, problems: [] });

  // The other pages render; screenshots of each.
  await page.goto("/admin");
  await expect(page.getByTestId("simulated-badge")).toBeVisible();
  await page.screenshot({ path: screens("dashboard", info) });
  await page.screenshot({ path: screens("dashboard-full", info), fullPage: true });
  await page.goto(`/admin/universe?day=${d.settle}`);
  await expect(page.getByTestId("universe-list")).toContainText("NVDA");
  await page.screenshot({ path: screens("universe", info) });
  await page.goto(`/admin/prices?day=${d.settle}`);
  await expect(page.getByTestId("validation-missing")).toContainText("0");
  await page.screenshot({ path: screens("prices", info) });
  await page.goto("/admin/sessions");
  await page.getByTestId("session-form-day").fill(d.holiday);
  await page.getByTestId("session-form-submit").click();
  await expect(page.getByTestId("session-form-error")).toContainText(d.afterHoliday);
  await page.screenshot({ path: screens("sessions", info) });
  await page.goto("/admin/errors");
  await expect(page.getByTestId("errors-recent")).toBeVisible();
  await page.screenshot({ path: screens("errors", info) });
});
