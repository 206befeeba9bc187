import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { HANG, recordedQuotes, SERVER_ERROR, TOO_MANY_REQUESTS } from "@/tests/fixtures/yahoo/fake-yahoo";
import { fakeYahooProvider } from "@/tests/fixtures/yahoo/test-provider";
import { createThrottle } from "./throttle";
import { YahooPriceProvider } from "./yahoo-provider";

const NOW = new Date("2026-11-24T16:00:30Z");
const AFTER_THANKSGIVING_WEEK = new Date("2026-12-02T00:00:00Z");

describe("Yahoo provider (recorded responses)", () => {
  it("reads the regular-market price, previous close and time of each quote", async () => {
    const { provider, fake } = fakeYahooProvider();
    const quotes = await provider.getQuotes(["aapl", "SPY"], NOW);
    expect(quotes.get("AAPL")).toEqual({
      status: "ok",
      symbol: "AAPL",
      price: 232.11,
      previousClose: 231.17,
      asOf: new Date("2026-11-24T15:59:58Z"),
      source: "yahoo",
    });
    expect(quotes.get("SPY")).toMatchObject({ status: "ok", source: "yahoo" });
    expect(fake.requests.map((r) => r.route)).toEqual(["cookie", "crumb", "quote"]);
  });

  it("treats a null, zero or negative quote price as unavailable, never as a price", async () => {
    const rows = recordedQuotes();
    rows.find((q) => q.symbol === "AAPL")!.regularMarketPrice = null as unknown as number;
    rows.find((q) => q.symbol === "MSFT")!.regularMarketPrice = 0;
    rows.find((q) => q.symbol === "NVDA")!.regularMarketPrice = -3;
    const { provider } = fakeYahooProvider({ fake: { quotes: rows } });
    const quotes = await provider.getQuotes(["AAPL", "MSFT", "NVDA", "AMD"], NOW);
    // null fails the schema (number expected): invalid_response; 0 and -3 pass it but are not prices.
    expect(quotes.get("AAPL")).toMatchObject({ status: "unavailable", reason: "invalid_response" });
    expect(quotes.get("MSFT")).toMatchObject({ status: "unavailable", reason: "invalid_price" });
    expect(quotes.get("NVDA")).toMatchObject({ status: "unavailable", reason: "invalid_price" });
    expect(quotes.get("AMD")).toMatchObject({ status: "ok" });
  });

  it("isolates a quote that fails schema validation instead of losing the whole batch", async () => {
    const rows = recordedQuotes();
    rows.find((q) => q.symbol === "META")!.marketState = "SOMETHING_NEW";
    const { provider, fake } = fakeYahooProvider({ fake: { quotes: rows } });
    const symbols = rows.map((q) => q.symbol);
    const quotes = await provider.getQuotes(symbols, NOW);
    expect(quotes.get("META")).toMatchObject({ status: "unavailable", reason: "invalid_response" });
    expect([...quotes.values()].filter((q) => q.status === "ok")).toHaveLength(100);
    // 3 chunks, then halving one chunk of 34 down to the bad symbol: 3 + 2·⌈log2 34⌉ at most.
    expect(fake.count("quote")).toBeLessThanOrEqual(3 + 12);
  });

  it("retries a 5xx and a hung request (timeout), then answers", async () => {
    const { provider, fake, sleeps } = fakeYahooProvider({ provider: { timeoutMs: 30 } });
    fake.enqueue("quote", SERVER_ERROR, HANG);
    const quotes = await provider.getQuotes(["AAPL"], NOW);
    expect(quotes.get("AAPL")).toMatchObject({ status: "ok" });
    expect(fake.count("quote")).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it("gives 'timeout' when every attempt hangs", async () => {
    const { provider, fake } = fakeYahooProvider({ provider: { timeoutMs: 20 } });
    fake.enqueue("quote", HANG, HANG, HANG);
    const started = performance.now();
    const quotes = await provider.getQuotes(["AAPL"], NOW);
    expect(quotes.get("AAPL")).toMatchObject({ status: "unavailable", reason: "timeout" });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("honours Retry-After on a 429", async () => {
    const { provider, fake, sleeps } = fakeYahooProvider();
    fake.enqueue("quote", { ...TOO_MANY_REQUESTS, headers: { "retry-after": "2" } });
    expect((await provider.getQuotes(["AAPL"], NOW)).get("AAPL")).toMatchObject({ status: "ok" });
    expect(sleeps).toEqual([2_000]);
  });

  it("reads the close of the day's bar, with its split, only once final", async () => {
    const { provider } = fakeYahooProvider();
    expect(await provider.getEodClose("NFLX", "2026-11-24", AFTER_THANKSGIVING_WEEK)).toEqual({
      status: "ok",
      symbol: "NFLX",
      tradingDay: "2026-11-24",
      close: 112.4,
      asOf: new Date("2026-11-24T21:00:00Z"),
      source: "yahoo",
      corporateAction: "split 10:1",
    });
    expect(await provider.getEodClose("AAPL", "2026-11-24", new Date("2026-11-24T21:19:59Z"))).toMatchObject({
      status: "not_final",
    });
    // Early close (13:00 ET): final at 13:20 ET.
    expect(await provider.getEodClose("AAPL", "2026-11-27", new Date("2026-11-27T18:20:00Z"))).toMatchObject({
      status: "ok",
      close: 278.85,
    });
  });

  it("never reads a zero, infinite or NaN close", async () => {
    const { provider } = fakeYahooProvider();
    const closes = await provider.getEodCloses(["TSLA"], "2026-11-24", AFTER_THANKSGIVING_WEEK);
    expect(closes.get("TSLA")).toMatchObject({ status: "unavailable", reason: "invalid_price" });
    expect(await provider.getEodClose("TSLA", "2026-11-25", AFTER_THANKSGIVING_WEEK)).toMatchObject({
      reason: "invalid_price",
    });
    expect(await provider.getEodClose("MSFT", "2026-11-24", AFTER_THANKSGIVING_WEEK)).toMatchObject({
      reason: "invalid_response",
    });
    expect(await provider.getEodClose("ZZZZ", "2026-11-24", AFTER_THANKSGIVING_WEEK)).toMatchObject({
      reason: "not_found",
    });
  });

  it("builds a sparkline from session bars, skipping null bars", async () => {
    const { provider } = fakeYahooProvider();
    const series = await provider.getSeries("AAPL", "1d", new Date("2026-11-24T16:01:00Z"));
    expect(series).toHaveLength(18); // 19 bars, one of them null
    expect(series[0]).toEqual({ asOf: new Date("2026-11-24T14:30:00Z"), price: 275.92, source: "yahoo" });
    expect(series.every((p) => p.price > 0)).toBe(true);
    expect(await provider.getSeries("ZZZZ", "1d", NOW)).toEqual([]);
  });

  it("looks symbols up, and says so when it cannot", async () => {
    const { provider, fake } = fakeYahooProvider();
    const info = await provider.lookupSymbols(["AAPL", "ZZZZ"]);
    expect(info.get("AAPL")).toEqual({ name: "Apple Inc.", exchange: "NasdaqGS", valid: true });
    expect(info.get("ZZZZ")).toEqual({ name: "ZZZZ", exchange: null, valid: false });
    fake.enqueue("quote", SERVER_ERROR, SERVER_ERROR, SERVER_ERROR);
    const failure = await provider.lookupSymbols(["AAPL"]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe("unavailable:price_lookup");
  });

  it("can send every request to a local stand-in (YAHOO_BASE_URL)", async () => {
    const seen: string[] = [];
    const yahoo = fakeYahooProvider();
    const standIn = async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      seen.push(url.href);
      // The stand-in answers with the recorded responses of the host the path belongs to.
      const host = url.pathname.startsWith("/quote/")
        ? "https://finance.yahoo.com"
        : "https://query2.finance.yahoo.com";
      return yahoo.fake.fetch(`${host}${url.pathname}${url.search}`, init);
    };
    const provider = new YahooPriceProvider({
      baseUrl: "http://127.0.0.1:4010/",
      fetch: standIn as typeof fetch,
      throttle: createThrottle({ maxConcurrent: 1, minIntervalMs: 0 }),
    });
    expect((await provider.getQuotes(["AAPL"], NOW)).get("AAPL")).toMatchObject({ status: "ok" });
    expect(seen.map((u) => u.replace(/\?.*/, ""))).toEqual([
      "http://127.0.0.1:4010/quote/AAPL",
      "http://127.0.0.1:4010/v1/test/getcrumb",
      "http://127.0.0.1:4010/v7/finance/quote",
    ]);
  });
});
