/**
 * TESTPLAN "Prices" against recorded Yahoo responses (tests/fixtures/yahoo, no network),
 * through the real quote cache and EOD store on a real database.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { eodPrices, quotes } from "@/db/schema";
import { backfillEod, collectEod, createQuoteCache, getSnapshotQuote } from "@/lib/prices";
import { DEFAULT_RETRY_POLICY, maxTotalBackoffMs } from "@/lib/prices/retry";
import { DEFAULT_SYMBOLS } from "@/lib/universe/default-list";
import { chartOf, SERVER_ERROR, TOO_MANY_REQUESTS } from "@/tests/fixtures/yahoo/fake-yahoo";
import { fakeYahooProvider } from "@/tests/fixtures/yahoo/test-provider";
import { useTestDb } from "./support/db";

const t = useTestDb();
// Tue 2026-11-24 11:00:30 ET, regular session: quotes live 30 s.
const NOW = new Date("2026-11-24T16:00:30Z");
const AFTER_WEEK = new Date("2026-12-02T00:00:00Z");

beforeEach(async () => {
  await t.db.delete(quotes).where(sql`true`);
  await t.db.delete(eodPrices).where(sql`true`);
});

describe("Yahoo quotes", () => {
  it("refreshes the 101-symbol default universe in at most 3 upstream quote requests", async () => {
    const { provider, fake } = fakeYahooProvider();
    const answers = await createQuoteCache().getQuotes(t.db, provider, [...DEFAULT_SYMBOLS], NOW);
    expect(DEFAULT_SYMBOLS).toHaveLength(101);
    expect([...answers.values()].filter((q) => q.status === "ok" && !q.stale)).toHaveLength(101);
    expect(fake.count("quote")).toBeLessThanOrEqual(3);
    expect(
      fake.requests
        .filter((r) => r.route === "quote")
        .flatMap((r) => r.symbols)
        .sort(),
    ).toEqual([...DEFAULT_SYMBOLS].sort());
    const [{ n }] = (await t.db.select({ n: sql<number>`count(*)::int` }).from(quotes)) as [{ n: number }];
    expect(Number(n)).toBe(101);
  });

  it("retries a 429 and succeeds", async () => {
    const { provider, fake, sleeps } = fakeYahooProvider();
    fake.enqueue("quote", TOO_MANY_REQUESTS);
    const answers = await createQuoteCache().getQuotes(t.db, provider, ["AAPL", "NVDA"], NOW);
    expect(answers.get("AAPL")).toMatchObject({
      status: "ok",
      stale: false,
      source: "yahoo",
      origin: "provider",
    });
    expect(fake.count("quote")).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it("gives 'unavailable' after three 429s, within the time budget", async () => {
    const { provider, fake, slept } = fakeYahooProvider();
    fake.enqueue("quote", TOO_MANY_REQUESTS, TOO_MANY_REQUESTS, TOO_MANY_REQUESTS);
    const started = performance.now();
    const answers = await createQuoteCache().getQuotes(t.db, provider, ["AAPL"], NOW);
    expect(answers.get("AAPL")).toMatchObject({ status: "unavailable", reason: "rate_limited" });
    expect(fake.count("quote")).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    // Simulated waiting is bounded by the policy; real time is not spent at all.
    expect(slept()).toBeGreaterThan(0);
    expect(slept()).toBeLessThanOrEqual(maxTotalBackoffMs(DEFAULT_RETRY_POLICY));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await t.db.select().from(quotes)).toEqual([]);
  });

  it("serves the last quote flagged stale when Yahoo keeps refusing, and no snapshot from it", async () => {
    const { provider, fake } = fakeYahooProvider();
    const cache = createQuoteCache();
    await cache.getQuotes(t.db, provider, ["AAPL"], NOW);
    const later = new Date(NOW.getTime() + 60_000);
    fake.enqueue("quote", TOO_MANY_REQUESTS, TOO_MANY_REQUESTS, TOO_MANY_REQUESTS);
    const [stale] = (await cache.getQuotes(t.db, provider, ["AAPL"], later)).values();
    expect(stale).toMatchObject({ status: "ok", price: 232.11, stale: true, staleReason: "rate_limited" });
    expect(await getSnapshotQuote(t.db, provider, "AAPL", later, cache)).toBeNull();
  });

  it("recovers from a crumb failure", async () => {
    const { provider, fake } = fakeYahooProvider();
    fake.enqueue("crumb", SERVER_ERROR);
    const cache = createQuoteCache();
    expect((await cache.getQuotes(t.db, provider, ["AAPL"], NOW)).get("AAPL")).toMatchObject({
      status: "ok",
    });
    expect(fake.count("crumb")).toBe(2);
    expect(fake.count("cookie")).toBe(2);
  });

  it("starts a new session when Yahoo rejects the crumb (401 Invalid Crumb)", async () => {
    const { provider, fake } = fakeYahooProvider();
    const cache = createQuoteCache();
    await cache.getQuotes(t.db, provider, ["AAPL"], NOW);
    fake.rotateCrumb();
    const later = new Date(NOW.getTime() + 31_000);
    expect((await cache.getQuotes(t.db, provider, ["AAPL"], later)).get("AAPL")).toMatchObject({
      status: "ok",
      stale: false,
    });
    expect(fake.requests.map((r) => r.route)).toEqual([
      "cookie",
      "crumb",
      "quote",
      "quote",
      "cookie",
      "crumb",
      "quote",
    ]);
  });
});

describe("Yahoo closes", () => {
  it("skips a holiday's null close instead of reading it as 0", async () => {
    const { provider, fake } = fakeYahooProvider();
    // Thanksgiving week: Yahoo's recorded answer has a row of nulls for Thursday 2026-11-26.
    const result = await backfillEod(t.db, provider, {
      from: "2026-11-23",
      to: "2026-11-30",
      symbols: ["AAPL"],
      now: AFTER_WEEK,
    });
    expect(result.days.map((d) => d.tradingDay)).toEqual([
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-27",
      "2026-11-30",
    ]);
    expect(result.totals).toEqual({ stored: 5, alreadyStored: 0, pending: 0 });
    expect(fake.count("chart")).toBe(5);
    const rows = await t.db.select().from(eodPrices).where(eq(eodPrices.symbol, "AAPL"));
    expect(rows.map((r) => r.tradingDay).sort()).not.toContain("2026-11-26");
    expect(rows.every((r) => Number(r.close) > 0)).toBe(true);
    await expect(
      collectEod(t.db, provider, { tradingDay: "2026-11-26", symbols: ["AAPL"], now: AFTER_WEEK }),
    ).rejects.toMatchObject({
      code: "unprocessable:not_trading_day",
    });
  });

  it("never stores a null, infinite or NaN close: those symbols stay pending", async () => {
    const { provider } = fakeYahooProvider();
    const day = "2026-11-25";
    const result = await collectEod(t.db, provider, {
      tradingDay: day,
      symbols: ["AAPL", "NVDA", "TSLA", "MSFT"],
      now: AFTER_WEEK,
    });
    expect(result.stored).toEqual(["AAPL"]);
    expect(result.pending).toEqual([
      { symbol: "NVDA", reason: "no_data", message: "close is null" },
      { symbol: "TSLA", reason: "invalid_price", message: "close is Infinity" },
      expect.objectContaining({ symbol: "MSFT", reason: "invalid_response" }),
    ]);
    const stored = await t.db.select().from(eodPrices).where(eq(eodPrices.tradingDay, day));
    expect(stored.map((r) => [r.symbol, r.close, r.source])).toEqual([["AAPL", "277.550000", "yahoo"]]);
  });

  it("collects the whole universe, resumes where it stopped and refuses before the close is final", async () => {
    const { provider, fake } = fakeYahooProvider();
    const day = "2026-11-24";
    await expect(
      collectEod(t.db, provider, {
        tradingDay: day,
        symbols: [...DEFAULT_SYMBOLS],
        now: new Date("2026-11-24T21:19:59Z"),
      }),
    ).rejects.toMatchObject({ code: "conflict:eod_not_final", status: 409 });
    expect(fake.count("chart")).toBe(0);

    fake.enqueueWhen("chart", chartOf("AMD"), SERVER_ERROR, SERVER_ERROR, SERVER_ERROR);
    const first = await collectEod(t.db, provider, {
      tradingDay: day,
      symbols: [...DEFAULT_SYMBOLS],
      now: new Date("2026-11-24T21:20:00Z"),
    });
    // TSLA (close 0) and MSFT ("NaN") are refused; AMD lost its 3 attempts to 502s.
    expect(first.stored).toHaveLength(98);
    expect(first.pending.map((p) => [p.symbol, p.reason])).toEqual([
      ["AMD", "upstream_error"],
      ["MSFT", "invalid_response"],
      ["TSLA", "invalid_price"],
    ]);

    fake.reset();
    const second = await collectEod(t.db, provider, {
      tradingDay: day,
      symbols: [...DEFAULT_SYMBOLS],
      now: AFTER_WEEK,
    });
    expect(fake.count("chart")).toBe(3);
    expect(fake.requests.map((r) => new URL(r.url).pathname.split("/").pop()).sort()).toEqual([
      "AMD",
      "MSFT",
      "TSLA",
    ]);
    expect(second.alreadyStored).toHaveLength(98);
    expect(second.stored).toEqual(["AMD"]);
    expect(second.pending.map((p) => p.symbol).sort()).toEqual(["MSFT", "TSLA"]);
    const nflx = await t.db
      .select()
      .from(eodPrices)
      .where(and(eq(eodPrices.tradingDay, day), eq(eodPrices.symbol, "NFLX")));
    expect(nflx[0]).toMatchObject({ close: "112.400000", corporateAction: "split 10:1" });
  });
});
