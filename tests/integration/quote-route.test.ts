/**
 * GET /api/prices/quote through its real route handler: the app's database is this test's
 * database, the Yahoo provider talks to the counting fake at the network edge, and the app
 * clock is moved to a session of the test's choosing.
 */
import { count } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { instruments, quotes } from "@/db/schema";
import { GET } from "@/app/api/prices/quote/route";
import { resetAppClock, shiftAppClockTo } from "@/lib/clock";
import { upsertUniverse } from "@/lib/universe";
import { fakeYahooProvider } from "../fixtures/yahoo/test-provider";
import { provideProcessValue, serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";

// A small limit (one request per 12 s): no token refills while the test runs, however slow
// the machine.
vi.hoisted(() => {
  process.env.RATE_LIMIT_QUOTES_PER_MINUTE = "5";
});

const t = useTestDb();
const yahoo = fakeYahooProvider();
const undo: Array<() => void> = [];
const TODAY = "2026-11-27";
const NEXT = "2026-11-30";
const NOON = new Date(`${TODAY}T12:00:00+09:00`);

beforeAll(async () => {
  undo.push(serveAppFrom(t));
  undo.push(provideProcessValue("price-provider", yahoo.provider));
  shiftAppClockTo(NOON);
  await upsertUniverse(t.db, { tradingDay: TODAY, symbols: ["AAPL", "NVDA"] });
  await upsertUniverse(t.db, { tradingDay: NEXT, symbols: ["MSFT"] });
});
afterAll(() => {
  resetAppClock();
  for (const u of undo.splice(0)) u();
});

const get = (query: string, ip: string) =>
  GET(new NextRequest(`http://localhost/api/prices/quote?${query}`, { headers: { "x-forwarded-for": ip } }));
const storedQuotes = async () => (await t.db.select({ n: count() }).from(quotes))[0]!.n;

describe("GET /api/prices/quote", () => {
  it("serves today's and the next trading day's universe, and known instruments", async () => {
    await t.db.insert(instruments).values({ symbol: "TSLA", name: "Tesla" }).onConflictDoNothing();
    const res = await get("symbols=AAPL,NVDA,MSFT,TSLA", "198.51.100.1");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { quotes: { symbol: string }[] };
    expect(body.quotes.map((q) => q.symbol)).toEqual(["AAPL", "NVDA", "MSFT", "TSLA"]);
    expect(yahoo.fake.count("quote")).toBeGreaterThan(0);
  });

  it("anything else → 422 naming the symbols; nothing stored, no upstream call", async () => {
    const upstream = yahoo.fake.requests.length;
    const stored = await storedQuotes();
    const res = await get("symbols=AAPL,ZZZQ,QQQX", "198.51.100.2");
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string; details: { symbols: string[] } };
    expect(body.code).toBe("unprocessable:unknown_symbols");
    expect(body.details.symbols).toEqual(["ZZZQ", "QQQX"]);
    expect(body.message).toContain("ZZZQ, QQQX");
    // 200 unknown symbols, twenty times: still nothing upstream, nothing in the table.
    const many = Array.from(
      { length: 200 },
      (_, i) => `Z${i.toString(36).toUpperCase().padStart(3, "A")}`,
    ).join(",");
    for (let i = 0; i < 20; i++)
      expect((await get(`symbols=${many}`, `198.51.100.${10 + i}`)).status).toBe(422);
    expect(yahoo.fake.requests.length).toBe(upstream);
    expect(await storedQuotes()).toBe(stored);
  });

  it("per client IP: the 6th request in a minute (limit 5) → 429 with Retry-After; other IPs unaffected", async () => {
    const ip = "203.0.113.9";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get("", ip)).status);
    expect(statuses.map((s, i) => `${i}:${s}`).filter((s) => !s.endsWith(":400"))).toEqual([]);
    const refused = await get("symbols=AAPL", ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(10);
    const body = (await refused.json()) as {
      code: string;
      details: { retryAfterSeconds: number; messageKey: string };
    };
    expect(body).toMatchObject({
      code: "rate_limited:quotes",
      details: { messageKey: "errors.rateLimited" },
    });
    expect(refused.headers.get("retry-after")).toBe(String(body.details.retryAfterSeconds));
    // A client's own X-Forwarded-For entries on the left change nothing behind no trusted proxy.
    expect((await get("symbols=AAPL", `1.2.3.4, ${ip}`)).status).toBe(429);
    expect((await get("symbols=AAPL", "203.0.113.10")).status).toBe(200);
  });
});
