/** The quote cache: TTL by market state, single flight, the database layer shared by instances. */
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { quotes } from "@/db/schema";
import {
  createQuoteCache,
  getSnapshotQuote,
  SimulatedMarketProvider,
  UNAVAILABLE_RETRY_MS,
  type PriceProvider,
  type QuoteResult,
} from "@/lib/prices";
import { DEFAULT_SYMBOLS } from "@/lib/universe/default-list";
import { fakeYahooProvider } from "@/tests/fixtures/yahoo/test-provider";
import { useTestDb } from "./support/db";
import { providerLike } from "./support/providers";

const t = useTestDb();
const OPEN = new Date("2026-11-24T16:00:00Z"); // Tue 11:00 ET
const CLOSED = new Date("2026-11-26T16:00:00Z"); // Thanksgiving
const after = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** Wraps a provider to count (and optionally slow down or break) its quote batches. */
function counting(inner: PriceProvider, opts: { delayMs?: number; failing?: Set<string> } = {}) {
  const batches: string[][] = [];
  const provider = providerLike(inner, {
    async getQuotes(symbols, now) {
      batches.push([...symbols]);
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const answers = await inner.getQuotes(symbols, now);
      for (const s of opts.failing ?? []) {
        if (answers.has(s))
          answers.set(s, {
            status: "unavailable",
            symbol: s,
            reason: "upstream_error",
          } satisfies QuoteResult);
      }
      return answers;
    },
  });
  return { provider, batches };
}

beforeEach(async () => {
  await t.db.delete(quotes).where(sql`true`);
});

describe("quote cache", () => {
  it("shares one upstream batch among 50 concurrent misses", async () => {
    const { provider, batches } = counting(new SimulatedMarketProvider("cache"), { delayMs: 20 });
    const cache = createQuoteCache();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => cache.getQuotes(t.db, provider, [...DEFAULT_SYMBOLS], OPEN)),
    );
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(101);
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it("shares one Yahoo batch (3 requests for 101 symbols) among 50 concurrent misses", async () => {
    const { provider, fake } = fakeYahooProvider({ fake: { latencyMs: 5 } });
    const cache = createQuoteCache();
    await Promise.all(
      Array.from({ length: 50 }, () => cache.getQuotes(t.db, provider, [...DEFAULT_SYMBOLS], OPEN)),
    );
    expect(fake.count("quote")).toBe(3);
    expect(fake.count("crumb")).toBe(1);
  });

  it("joins an in-flight batch for overlapping symbol sets and fetches only the rest", async () => {
    const { provider, batches } = counting(new SimulatedMarketProvider("cache"), { delayMs: 20 });
    const cache = createQuoteCache();
    await Promise.all([
      cache.getQuotes(t.db, provider, ["AAPL", "MSFT"], OPEN),
      cache.getQuotes(t.db, provider, ["MSFT", "NVDA"], OPEN),
    ]);
    expect(batches).toEqual([["AAPL", "MSFT"], ["NVDA"]]);
  });

  it("keeps a quote 30 s while the market is open", async () => {
    const { provider, batches } = counting(new SimulatedMarketProvider("cache"));
    const cache = createQuoteCache();
    const first = (await cache.getQuotes(t.db, provider, ["AAPL"], OPEN)).get("AAPL");
    expect(first).toMatchObject({ origin: "provider", marketState: "OPEN", expiresAt: after(OPEN, 30_000) });
    expect((await cache.getQuotes(t.db, provider, ["AAPL"], after(OPEN, 29_999))).get("AAPL")).toMatchObject({
      origin: "memory",
    });
    expect(batches).toHaveLength(1);
    expect((await cache.getQuotes(t.db, provider, ["AAPL"], after(OPEN, 30_000))).get("AAPL")).toMatchObject({
      origin: "provider",
    });
    expect(batches).toHaveLength(2);
  });

  it("keeps a quote 30 min while the market is closed", async () => {
    const { provider, batches } = counting(new SimulatedMarketProvider("cache"));
    const cache = createQuoteCache();
    await cache.getQuotes(t.db, provider, ["AAPL"], CLOSED);
    await cache.getQuotes(t.db, provider, ["AAPL"], after(CLOSED, 29 * 60_000));
    expect(batches).toHaveLength(1);
    await cache.getQuotes(t.db, provider, ["AAPL"], after(CLOSED, 30 * 60_000));
    expect(batches).toHaveLength(2);
  });

  it("lets another app instance reuse the quotes in the database without an upstream call", async () => {
    const yahoo = fakeYahooProvider();
    await createQuoteCache().getQuotes(t.db, yahoo.provider, [...DEFAULT_SYMBOLS], OPEN);
    const upstream = yahoo.fake.requests.length;

    const second = createQuoteCache(); // a fresh process: empty memory, same database
    const answers = await second.getQuotes(t.db, yahoo.provider, [...DEFAULT_SYMBOLS], after(OPEN, 10_000));
    expect(yahoo.fake.requests.length).toBe(upstream);
    expect([...answers.values()].every((q) => q.status === "ok" && q.origin === "database" && !q.stale)).toBe(
      true,
    );
    expect(answers.get("AAPL")).toMatchObject({
      price: 232.11,
      previousClose: 231.17,
      source: "yahoo",
      fetchedAt: OPEN,
    });
    const snapshot = await getSnapshotQuote(t.db, yahoo.provider, "AAPL", after(OPEN, 10_000), second);
    expect(snapshot).toEqual({
      symbol: "AAPL",
      price: 232.11,
      asOf: new Date("2026-11-24T15:59:58Z"),
      source: "yahoo",
      fetchedAt: OPEN,
    });
  });

  it("does not serve one provider's quotes for another", async () => {
    const simulated = counting(new SimulatedMarketProvider("cache"));
    const yahoo = fakeYahooProvider();
    await createQuoteCache().getQuotes(t.db, simulated.provider, ["AAPL"], OPEN);
    const answer = (
      await createQuoteCache().getQuotes(t.db, yahoo.provider, ["AAPL"], after(OPEN, 1_000))
    ).get("AAPL");
    expect(answer).toMatchObject({ source: "yahoo", origin: "provider" });
    expect(yahoo.fake.count("quote")).toBe(1);
  });

  it("serves the last quote flagged stale when the provider fails, then unavailable when there is none", async () => {
    const failing = new Set<string>();
    const { provider, batches } = counting(new SimulatedMarketProvider("cache"), { failing });
    const cache = createQuoteCache();
    const good = (await cache.getQuotes(t.db, provider, ["AAPL"], OPEN)).get("AAPL");
    failing.add("AAPL").add("MSFT");
    const later = after(OPEN, 60_000);
    const answers = await cache.getQuotes(t.db, provider, ["AAPL", "MSFT"], later);
    expect(answers.get("AAPL")).toMatchObject({
      status: "ok",
      stale: true,
      staleReason: "upstream_error",
      price: (good as { price: number }).price,
    });
    expect(answers.get("MSFT")).toEqual({ status: "unavailable", symbol: "MSFT", reason: "upstream_error" });
    expect(await getSnapshotQuote(t.db, provider, "AAPL", later, cache)).toBeNull();
    // A failed symbol is not asked again for a short while (no hammering a struggling upstream)…
    await cache.getQuotes(t.db, provider, ["AAPL"], after(later, 1_000));
    expect(batches).toHaveLength(2);
    // …then it is, and a fresh quote replaces the stale one.
    failing.clear();
    const recovered = (
      await cache.getQuotes(t.db, provider, ["AAPL"], after(later, UNAVAILABLE_RETRY_MS))
    ).get("AAPL");
    expect(recovered).toMatchObject({ stale: false, origin: "provider" });
  });

  it("never lets an older fetch overwrite a newer row written by another instance", async () => {
    const { provider } = counting(new SimulatedMarketProvider("cache"));
    await createQuoteCache().getQuotes(t.db, provider, ["AAPL"], after(OPEN, 60_000));
    await createQuoteCache().getQuotes(t.db, provider, ["AAPL"], OPEN); // a slow instance, older "now"
    const [row] = await t.db.select().from(quotes).where(eq(quotes.symbol, "AAPL"));
    expect(row!.fetchedAt).toEqual(after(OPEN, 60_000));
  });

  it("returns one answer per requested symbol, normalised and in order", async () => {
    const { provider } = counting(new SimulatedMarketProvider("cache"));
    const answers = await createQuoteCache().getQuotes(
      t.db,
      provider,
      ["msft", " aapl", "MSFT", "bad symbol"],
      OPEN,
    );
    expect([...answers.keys()]).toEqual(["MSFT", "AAPL", "BAD SYMBOL"]);
    expect(answers.get("BAD SYMBOL")).toMatchObject({ status: "unavailable", reason: "not_found" });
  });
});
