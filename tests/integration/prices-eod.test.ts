/** The EOD store: final closes only, resumable collection, manual closes, backfill. */
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { eodPrices } from "@/db/schema";
import { marketCloseAt, settlementDueAt } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import {
  backfillEod,
  collectEod,
  getEod,
  getEodForDay,
  setManualClose,
  SimulatedMarketProvider,
  type EodResult,
} from "@/lib/prices";
import { DEFAULT_SYMBOLS } from "@/lib/universe/default-list";
import { useTestDb } from "./support/db";
import { providerLike } from "./support/providers";

const t = useTestDb();
const market = new SimulatedMarketProvider("eod");
const DAY = "2026-11-24";
const FINAL = settlementDueAt(DAY);

/** The simulated market, except that `down` symbols cannot be priced; counts what it is asked. */
function flaky(down: Set<string>) {
  const asked: string[][] = [];
  const provider = providerLike(market, {
    async getEodCloses(symbols, day, now) {
      asked.push([...symbols]);
      const closes = await market.getEodCloses(symbols, day, now);
      for (const s of down) {
        if (closes.has(s))
          closes.set(s, {
            status: "unavailable",
            symbol: s,
            tradingDay: day,
            reason: "upstream_error",
          } satisfies EodResult);
      }
      return closes;
    },
  });
  return { provider, asked };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e.code;
}

beforeEach(async () => {
  await t.db.delete(eodPrices).where(sql`true`);
});

describe("EOD collection", () => {
  it("refuses before the close is final (close + 20 min), accepts from then on", async () => {
    const early = new Date(FINAL.getTime() - 1);
    expect(await codeOf(collectEod(t.db, market, { tradingDay: DAY, symbols: ["AAPL"], now: early }))).toBe(
      "conflict:eod_not_final",
    );
    expect(await t.db.select().from(eodPrices)).toEqual([]);
    const result = await collectEod(t.db, market, { tradingDay: DAY, symbols: ["AAPL"], now: FINAL });
    expect(result).toEqual({ tradingDay: DAY, stored: ["AAPL"], alreadyStored: [], pending: [] });
  });

  it("refuses non-trading days and malformed input", async () => {
    const late = new Date("2026-12-31T00:00:00Z");
    expect(
      await codeOf(collectEod(t.db, market, { tradingDay: "2026-11-26", symbols: ["AAPL"], now: late })),
    ).toBe("unprocessable:not_trading_day");
    expect(
      await codeOf(collectEod(t.db, market, { tradingDay: "2026-11-28", symbols: ["AAPL"], now: late })),
    ).toBe("unprocessable:not_trading_day");
    expect(
      await codeOf(collectEod(t.db, market, { tradingDay: "2026-13-01", symbols: ["AAPL"], now: late })),
    ).toBe("bad_request:trading_day");
    expect(
      await codeOf(collectEod(t.db, market, { tradingDay: DAY, symbols: ["NOT A SYMBOL"], now: late })),
    ).toBe("bad_request:symbol");
  });

  it("is resumable: a failed symbol is pending, the next run fetches only what is missing", async () => {
    const down = new Set(["NVDA", "TSLA"]);
    const { provider, asked } = flaky(down);
    const first = await collectEod(t.db, provider, {
      tradingDay: DAY,
      symbols: [...DEFAULT_SYMBOLS],
      now: FINAL,
    });
    expect(first.stored).toHaveLength(99);
    expect(first.pending).toEqual([
      { symbol: "NVDA", reason: "upstream_error" },
      { symbol: "TSLA", reason: "upstream_error" },
    ]);
    down.clear();
    const second = await collectEod(t.db, provider, {
      tradingDay: DAY,
      symbols: [...DEFAULT_SYMBOLS],
      now: FINAL,
    });
    expect(asked[1]).toEqual(["NVDA", "TSLA"]);
    expect(second.stored).toEqual(["NVDA", "TSLA"]);
    expect(second.alreadyStored).toHaveLength(99);
    const third = await collectEod(t.db, provider, {
      tradingDay: DAY,
      symbols: [...DEFAULT_SYMBOLS],
      now: FINAL,
    });
    expect(asked).toHaveLength(2); // nothing left to ask
    expect(third).toMatchObject({ stored: [], pending: [] });
    expect((await getEodForDay(t.db, DAY)).size).toBe(101);
  });

  it("stores each close once when two runs race", async () => {
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        collectEod(t.db, market, { tradingDay: DAY, symbols: [...DEFAULT_SYMBOLS], now: FINAL }),
      ),
    );
    const stored = runs.flatMap((r) => r.stored);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored).toHaveLength(101);
    const [{ n }] = (await t.db.select({ n: sql<number>`count(*)::int` }).from(eodPrices)) as [{ n: number }];
    expect(Number(n)).toBe(101);
  });

  it("records close, source and fetch time, and reads them back as numbers", async () => {
    await collectEod(t.db, market, { tradingDay: DAY, symbols: ["AAPL"], now: FINAL });
    const expected = await market.getEodClose("AAPL", DAY, FINAL);
    const stored = await getEod(t.db, DAY, "aapl");
    expect(stored).toEqual({
      tradingDay: DAY,
      symbol: "AAPL",
      close: expected.status === "ok" ? expected.close : NaN,
      source: "simulated",
      fetchedAt: FINAL,
      setBy: null,
      corporateAction: null,
    });
    expect(await getEod(t.db, DAY, "MSFT")).toBeNull();
  });
});

describe("manual closes", () => {
  const base = { tradingDay: DAY, symbol: "SERV", setBy: "admin@example.com", now: FINAL };

  it.each([0, -1, Number.NaN, Infinity, "abc", "", "1e3", "-5"])("refuses the close %s", async (close) => {
    expect(await codeOf(setManualClose(t.db, { ...base, close }))).toBe("bad_request:close");
  });

  it("sets a close (number or decimal text), refuses to overwrite unless asked", async () => {
    const { stored, previous } = await setManualClose(t.db, { ...base, close: "12.345" });
    expect(previous).toBeNull();
    expect(stored).toMatchObject({
      close: 12.345,
      source: "manual",
      setBy: "admin@example.com",
      fetchedAt: FINAL,
    });
    expect(await codeOf(setManualClose(t.db, { ...base, close: 13 }))).toBe("conflict:eod_exists");
    const replaced = await setManualClose(t.db, {
      ...base,
      close: 13,
      replace: true,
      setBy: "other@example.com",
    });
    expect(replaced.previous).toMatchObject({ close: 12.345 });
    expect(await getEod(t.db, DAY, "SERV")).toMatchObject({
      close: 13,
      source: "manual",
      setBy: "other@example.com",
    });
    // Collection leaves a manual close alone.
    const run = await collectEod(t.db, market, { tradingDay: DAY, symbols: ["SERV"], now: FINAL });
    expect(run.alreadyStored).toEqual(["SERV"]);
  });

  it("refuses a close before the market has closed, or for a holiday", async () => {
    const before = new Date(marketCloseAt(DAY).getTime() - 60_000);
    expect(await codeOf(setManualClose(t.db, { ...base, close: 10, now: before }))).toBe(
      "conflict:eod_not_final",
    );
    expect(await codeOf(setManualClose(t.db, { ...base, tradingDay: "2026-11-26", close: 10 }))).toBe(
      "unprocessable:not_trading_day",
    );
    const rows = await t.db
      .select()
      .from(eodPrices)
      .where(and(eq(eodPrices.symbol, "SERV")));
    expect(rows).toEqual([]);
  });
});

describe("EOD backfill", () => {
  it("collects every trading day of a range, skipping weekends and holidays, and days not final yet", async () => {
    const now = new Date("2026-11-30T21:10:00Z"); // Monday 16:10 ET: Monday's close is not final until 16:20
    const result = await backfillEod(t.db, market, {
      from: "2026-11-19",
      to: "2026-12-01",
      symbols: ["AAPL", "SPY"],
      now,
    });
    expect(result.days.map((d) => d.tradingDay)).toEqual([
      "2026-11-19",
      "2026-11-20",
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-27",
    ]);
    expect(result.notFinal).toEqual(["2026-11-30", "2026-12-01"]);
    expect(result.totals).toEqual({ stored: 12, alreadyStored: 0, pending: 0 });
    const again = await backfillEod(t.db, market, {
      from: "2026-11-19",
      to: "2026-12-01",
      symbols: ["AAPL", "SPY"],
      now: new Date("2026-12-02T00:00:00Z"),
    });
    expect(again.totals).toEqual({ stored: 4, alreadyStored: 12, pending: 0 });
  });

  it("refuses a reversed or unbounded range", async () => {
    const now = new Date("2026-12-02T00:00:00Z");
    expect(
      await codeOf(
        backfillEod(t.db, market, { from: "2026-11-30", to: "2026-11-01", symbols: ["AAPL"], now }),
      ),
    ).toBe("bad_request:date_range");
    expect(
      await codeOf(
        backfillEod(t.db, market, { from: "2024-01-02", to: "2026-11-01", symbols: ["AAPL"], now }),
      ),
    ).toBe("bad_request:date_range");
    expect(
      await codeOf(
        backfillEod(t.db, market, { from: "2019-01-02", to: "2024-11-01", symbols: ["AAPL"], now }),
      ),
    ).toBe("bad_request:date_range");
  });
});
