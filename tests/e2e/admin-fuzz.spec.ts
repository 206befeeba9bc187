import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "./support/test";
import { E2E_ADMIN_EMAIL, E2E_PORT } from "./support/oauth-config";
import { passAdminGate } from "./support/second-factor";
import { nextSignIn } from "./support/oauth-control";

/**
 * Strict types on every admin write route: one table of routes with a valid body, one fuzz list
 * by field kind. Every fuzzed request → 400/422 with a clear error, and nothing is written
 * (audit log, catalog, the player's balance and ledger, job runs and the day's universe are
 * unchanged). Numbers are JSON numbers: `true`, `[7]`, `"0x10"` and `"7"` are never read as 1, 7, 16, 7.
 */
const ORIGIN = `http://localhost:${E2E_PORT}`;
const STICKER = "OX-STICKER-PACK";
const DAY = "2026-11-27";
const INFINITY = "__1e309__";
const HUGE = "x".repeat(10_000);

type Kind = "int" | "intSigned" | "string" | "enum" | "day" | "bool" | "symbols" | "uuid" | "close";
type RouteSpec = {
  method: "POST" | "PUT" | "PATCH";
  path: string;
  body: Record<string, unknown>;
  fields: Record<string, Kind>;
};

const COMMON: unknown[] = [[7], null, {}, HUGE];
const BY_KIND: Record<Kind, unknown[]> = {
  int: [true, "0x10", "7", 1.5, INFINITY, -5, 1e12, ""],
  intSigned: [true, "0x10", "7", 1.5, INFINITY, 1e12, ""],
  string: [true, 7, 1.5, INFINITY],
  enum: [true, "0x10", "7", 7, ""],
  day: [true, "0x10", "7", 7, "2026-02-30", ""],
  bool: ["true", "on", 1, "0x10"],
  symbols: [true, "AAPL", [7], ["0x10"], [""], ["A".repeat(50)]],
  uuid: [true, "0x10", "7", 7, ""],
  close: [true, "0x10", "abc", INFINITY, -5],
};

function routes(userId: string): RouteSpec[] {
  return [
    {
      method: "POST",
      path: "/api/admin/points/adjust",
      body: { userId, amount: 5, reason: "fuzz test", adjustmentId: randomUUID() },
      fields: { userId: "uuid", amount: "intSigned", reason: "string", adjustmentId: "uuid" },
    },
    {
      method: "PUT",
      path: `/api/admin/users/${userId}/role`,
      body: { role: "admin" },
      fields: { role: "enum" },
    },
    { method: "POST", path: `/api/admin/users/${userId}/sessions/end`, body: {}, fields: {} },
    {
      method: "POST",
      path: "/api/admin/rewards/items",
      body: {
        sku: "FUZZ-NEW",
        nameKo: "퍼즈",
        nameEn: "Fuzz",
        cost: 100,
        stock: 1,
        active: true,
        vendor: "manual",
      },
      fields: {
        sku: "string",
        nameKo: "string",
        nameEn: "string",
        cost: "int",
        stock: "int",
        active: "bool",
        vendor: "enum",
      },
    },
    {
      method: "PATCH",
      path: `/api/admin/rewards/items/${STICKER}`,
      body: { cost: 900, active: true },
      fields: { cost: "int", active: "bool" },
    },
    {
      method: "POST",
      path: `/api/admin/rewards/items/${STICKER}/stock`,
      body: { quantity: 5 },
      fields: { quantity: "intSigned" },
    },
    {
      method: "POST",
      path: `/api/admin/rewards/redemptions/${randomUUID()}/fail`,
      body: { reason: "fuzz reason" },
      fields: { reason: "string" },
    },
    {
      method: "POST",
      path: `/api/admin/rewards/redemptions/${randomUUID()}/issue`,
      body: { code: "CODE-1", note: "a note" },
      fields: { code: "string", note: "string" },
    },
    {
      method: "PUT",
      path: `/api/admin/universe/${DAY}`,
      body: { symbols: ["AAPL", "MSFT"] },
      fields: { symbols: "symbols" },
    },
    {
      method: "POST",
      path: `/api/admin/sessions/${DAY}`,
      body: { action: "open" },
      fields: { action: "enum" },
    },
    { method: "POST", path: `/api/admin/settlement/${DAY}`, body: {}, fields: {} },
    {
      method: "POST",
      path: `/api/admin/settlement/${DAY}/symbol`,
      body: { symbol: "AAPL", close: 100 },
      fields: { symbol: "string", close: "close" },
    },
    {
      method: "POST",
      path: "/api/admin/prices/eod/manual",
      body: { tradingDay: DAY, symbol: "AAPL", close: 100, replace: false },
      fields: { tradingDay: "day", symbol: "string", close: "close", replace: "bool" },
    },
    {
      method: "POST",
      path: "/api/admin/prices/eod/backfill",
      body: { from: DAY, to: DAY, symbols: ["AAPL"] },
      fields: { from: "day", to: "day", symbols: "symbols" },
    },
    {
      method: "POST",
      path: "/api/admin/prices/eod/collect",
      body: { tradingDay: DAY },
      fields: { tradingDay: "day" },
    },
    {
      method: "POST",
      path: "/api/admin/errors/cleanup",
      body: { olderThanDays: 30 },
      fields: { olderThanDays: "int" },
    },
    {
      method: "POST",
      path: "/api/admin/jobs/integrity-check/run",
      body: { tradingDay: DAY },
      fields: { tradingDay: "day" },
    },
    { method: "POST", path: `/api/admin/alerts/${randomUUID()}/ack`, body: {}, fields: {} },
    { method: "POST", path: "/api/admin/integrity", body: {}, fields: {} },
  ];
}

/** Every fuzzed body of one route: each field replaced by each bad value, unknown keys, and bad whole bodies. */
function fuzzedBodies(spec: RouteSpec): { label: string; raw: string }[] {
  const out: { label: string; raw: string }[] = [];
  const encode = (v: unknown) => JSON.stringify(v).replaceAll(`"${INFINITY}"`, "1e309");
  for (const [field, kind] of Object.entries(spec.fields)) {
    for (const bad of [...COMMON, ...BY_KIND[kind]]) {
      out.push({
        label: `${field}=${JSON.stringify(bad).slice(0, 24)}`,
        raw: encode({ ...spec.body, [field]: bad }),
      });
    }
  }
  out.push({ label: "unknown key", raw: encode({ ...spec.body, userRole: "admin" }) });
  out.push({
    label: "prototype key",
    raw: `{"__proto__":{"x":1}${Object.keys(spec.body).length ? "," : ""}${encode(spec.body).slice(1)}`,
  });
  for (const whole of [true, [7], "0x10", 7, null, [spec.body]])
    out.push({ label: `body=${JSON.stringify(whole).slice(0, 24)}`, raw: encode(whole) });
  return out;
}

async function snapshot(api: APIRequestContext, userId: string) {
  const get = async (path: string) => {
    const res = await api.get(path);
    expect(res.status(), path).toBe(200);
    return res.json();
  };
  return {
    audit: await get("/api/admin/audit?limit=500"),
    items: await get("/api/admin/rewards/items"),
    user: await get(`/api/admin/users/${userId}`),
    jobs: await get("/api/admin/jobs?limit=500"),
    universe: await get(`/api/admin/universe/${DAY}`),
  };
}

test("fuzzed bodies to every admin write route → 400/422, a clear error, nothing written", async ({
  page,
  context,
  baseURL,
}, info) => {
  test.setTimeout(240_000);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  const player = `fz-player-${info.project.name}`;
  await nextSignIn(page.request, "google", {
    sub: player,
    email: `${player}@example.com`,
    emailVerified: true,
    nickname: `fz${info.project.name}`,
  });
  await page.goto("/signin");
  await page.getByTestId("signin-google").click();
  await expect(page.getByTestId("header-balance")).toBeVisible();
  const { id: userId } = await (await page.request.get("/api/me")).json();
  await context.clearCookies();

  const boss = `fz-boss-${info.project.name}`;
  await nextSignIn(page.request, "google", {
    sub: boss,
    email: E2E_ADMIN_EMAIL,
    emailVerified: true,
    nickname: `fzboss${info.project.name}`,
  });
  await page.goto("/signin");
  await page.getByTestId("signin-google").click();
  await expect(page.getByTestId("header-balance")).toBeVisible();
  await passAdminGate(page, boss);

  const api = page.request;
  const before = await snapshot(api, userId);
  let sent = 0;
  const cases = routes(userId).flatMap((spec) => fuzzedBodies(spec).map((body) => ({ spec, ...body })));
  // Six at a time (each is refused by its schema, nothing is written): the ~450 requests
  // take a few seconds instead of most of a minute; the result of each is checked the same way.
  const send = async ({ spec, label, raw }: (typeof cases)[number]) => {
    const res = await api.fetch(spec.path, {
      method: spec.method,
      data: raw,
      headers: { Origin: ORIGIN, "Content-Type": "application/json" },
    });
    const where = `${spec.method} ${spec.path} ${label}`;
    expect([400, 422], where).toContain(res.status());
    expect(await res.json(), where).toMatchObject({
      ok: false,
      code: expect.stringMatching(/^(bad_request|unprocessable):/),
      message: expect.any(String),
    });
    sent++;
  };
  const queue = [...cases];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await send(next);
    }),
  );
  expect(sent).toBeGreaterThan(300);
  const after = await snapshot(api, userId);
  expect(after).toEqual(before);
});
