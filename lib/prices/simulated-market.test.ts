import { describe, expect, it } from "vitest";
import { marketCloseAt, marketOpenAt, settlementDueAt, tradingDaysBetween } from "@/lib/calendar";
import { DEFAULT_UNIVERSE } from "@/lib/universe/default-list";
import { hashString, mulberry32 } from "./prng";
import { SimulatedMarketProvider } from "./simulated-market";

const SYMBOLS = DEFAULT_UNIVERSE.map(([s]) => s);
const at = (iso: string) => new Date(iso);
// Tue 2026-11-24, 11:00 ET (EST, UTC-5).
const MID_SESSION = at("2026-11-24T16:00:00Z");

describe("PRNG", () => {
  it("is deterministic and spreads over [0, 1)", () => {
    const a = mulberry32(hashString("seed"));
    const b = mulberry32(hashString("seed"));
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe("simulated market", () => {
  it("gives identical quotes, closes and series for the same seed", async () => {
    const a = new SimulatedMarketProvider("demo");
    const b = new SimulatedMarketProvider("demo");
    // b is asked in a different order: memoisation must not change the numbers.
    await b.getEodClose("AAPL", "2026-11-20", at("2026-12-01T00:00:00Z"));
    expect(await a.getQuotes(SYMBOLS, MID_SESSION)).toEqual(await b.getQuotes(SYMBOLS, MID_SESSION));
    expect(await a.getSeries("NVDA", "5d", MID_SESSION)).toEqual(
      await b.getSeries("NVDA", "5d", MID_SESSION),
    );
    expect(await a.getEodClose("TSLA", "2026-11-20", MID_SESSION)).toEqual(
      await b.getEodClose("TSLA", "2026-11-20", MID_SESSION),
    );
  });

  it("differs for a different seed", async () => {
    const a = await new SimulatedMarketProvider("demo").getQuotes(SYMBOLS, MID_SESSION);
    const b = await new SimulatedMarketProvider("other").getQuotes(SYMBOLS, MID_SESSION);
    const differing = SYMBOLS.filter((s) => {
      const x = a.get(s)!;
      const y = b.get(s)!;
      return x.status === "ok" && y.status === "ok" && x.price !== y.price;
    });
    expect(differing.length).toBeGreaterThan(90);
  });

  it("never prices at or below 0, and stays plausible, across many symbols and days", async () => {
    const market = new SimulatedMarketProvider("stress");
    const days = tradingDaysBetween("2024-01-02", "2030-12-31").filter((_, i) => i % 40 === 0);
    const symbols = [...SYMBOLS, ...Array.from({ length: 50 }, (_, i) => `ZZ${i}`)];
    const late = at("2031-01-01T00:00:00Z");
    for (const day of days) {
      const closes = await market.getEodCloses(symbols, day, late);
      for (const r of closes.values()) {
        expect(r.status).toBe("ok");
        if (r.status !== "ok") continue;
        expect(Number.isFinite(r.close)).toBe(true);
        expect(r.close).toBeGreaterThan(0);
        expect(r.close).toBeLessThan(100_000);
      }
    }
    for (const p of await market.getSeries("QBTS", "5d", at("2030-06-14T19:00:00Z")))
      expect(p.price).toBeGreaterThan(0);
  });

  it("has no close on a holiday or a weekend, and no final close before settlementDueAt", async () => {
    const market = new SimulatedMarketProvider();
    const late = at("2026-12-31T00:00:00Z");
    expect(await market.getEodClose("AAPL", "2026-11-26", late)).toMatchObject({
      status: "unavailable",
      reason: "not_trading_day",
    });
    expect(await market.getEodClose("AAPL", "2026-11-28", late)).toMatchObject({
      status: "unavailable",
      reason: "not_trading_day",
    });
    const day = "2026-11-24";
    const justBefore = new Date(settlementDueAt(day).getTime() - 1);
    expect(await market.getEodClose("AAPL", day, justBefore)).toMatchObject({
      status: "not_final",
      finalAt: settlementDueAt(day),
    });
    expect(await market.getEodClose("AAPL", day, settlementDueAt(day))).toMatchObject({
      status: "ok",
      source: "simulated",
    });
  });

  it("quotes the last regular price: minute bars in session, the last close outside it", async () => {
    const market = new SimulatedMarketProvider();
    const wed = "2026-11-25";
    const close = await market.getEodClose("MSFT", wed, at("2026-12-01T00:00:00Z"));
    if (close.status !== "ok") throw new Error("expected a close");
    // Thanksgiving (holiday), the pre-market of the next day and the weekend all show Wednesday's close.
    for (const t of ["2026-11-26T17:00:00Z", "2026-11-27T13:00:00Z", "2026-11-25T23:00:00Z"]) {
      expect(market.quoteAt("MSFT", at(t))).toMatchObject({
        status: "ok",
        price: close.close,
        asOf: marketCloseAt(wed),
      });
    }
    const inSession = market.quoteAt("MSFT", at("2026-11-25T15:07:30Z"));
    expect(inSession).toMatchObject({ status: "ok", asOf: at("2026-11-25T15:07:00Z") });
    const open = market.quoteAt("MSFT", marketOpenAt(wed));
    expect(open).toMatchObject({ asOf: marketOpenAt(wed) });
  });

  it("ends the session at 13:00 ET on an early-close day", async () => {
    const market = new SimulatedMarketProvider();
    const friday = "2026-11-27";
    expect(marketCloseAt(friday).toISOString()).toBe("2026-11-27T18:00:00.000Z");
    const close = await market.getEodClose("NVDA", friday, settlementDueAt(friday));
    if (close.status !== "ok") throw new Error("expected a close");
    expect(market.quoteAt("NVDA", at("2026-11-27T18:30:00Z"))).toMatchObject({
      price: close.close,
      asOf: marketCloseAt(friday),
    });
    const series = await market.getSeries("NVDA", "1d", at("2026-11-27T22:00:00Z"));
    expect(series.at(-1)).toMatchObject({ asOf: marketCloseAt(friday), price: close.close });
    expect(series.every((p) => p.asOf >= marketOpenAt(friday) && p.asOf <= marketCloseAt(friday))).toBe(true);
    // 210 minutes at 5-minute steps: 0, 5, …, 210.
    expect(series).toHaveLength(43);
  });

  it("builds sparklines only from session points up to now", async () => {
    const market = new SimulatedMarketProvider();
    const oneDay = await market.getSeries("AAPL", "1d", MID_SESSION);
    expect(oneDay[0]!.asOf).toEqual(marketOpenAt("2026-11-24"));
    expect(oneDay.at(-1)!.asOf.getTime()).toBeLessThanOrEqual(MID_SESSION.getTime());
    expect(oneDay.at(-1)!.price).toBe((market.quoteAt("AAPL", MID_SESSION) as { price: number }).price);
    const fiveDays = await market.getSeries("AAPL", "5d", MID_SESSION);
    const days = new Set(fiveDays.map((p) => p.asOf.toISOString().slice(0, 10)));
    // Thanksgiving week: 18, 19, 20, 23, 24 November.
    expect([...days]).toEqual(["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"]);
    // Before Monday's open the "1d" sparkline is Friday's session.
    const monday = await market.getSeries("AAPL", "1d", at("2026-11-23T13:00:00Z"));
    expect(monday[0]!.asOf).toEqual(marketOpenAt("2026-11-20"));
  });

  it("quotes 101 symbols in milliseconds once warm", async () => {
    const market = new SimulatedMarketProvider("speed");
    await market.getQuotes(SYMBOLS, MID_SESSION);
    const started = performance.now();
    for (let i = 1; i <= 20; i++)
      await market.getQuotes(SYMBOLS, new Date(MID_SESSION.getTime() + i * 60_000));
    // Generous bound: CI machines are shared; a quiet one takes well under a millisecond.
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });

  it("lists its instrument catalogue (every default symbol), refuses others, and labels itself simulated", async () => {
    const market = new SimulatedMarketProvider();
    expect(market.simulated).toBe(true);
    const info = await market.lookupSymbols(["aapl", "NEWCO", "ZZZZ", "bad symbol!"]);
    expect(info.get("AAPL")).toEqual({ name: "Apple", exchange: "SIM", valid: true });
    expect(info.get("NEWCO")).toMatchObject({ valid: false });
    expect(info.get("ZZZZ")).toMatchObject({ valid: false });
    const defaults = await market.lookupSymbols(DEFAULT_UNIVERSE.map(([s]) => s));
    expect([...defaults.values()].filter((i) => !i.valid)).toEqual([]);
    expect(info.get("BAD SYMBOL!")).toMatchObject({ valid: false });
    expect(market.quoteAt("BAD SYMBOL!", MID_SESSION)).toMatchObject({
      status: "unavailable",
      reason: "not_found",
    });
  });

  it("answers out_of_range outside the trading calendar instead of throwing", async () => {
    const market = new SimulatedMarketProvider();
    expect(market.quoteAt("AAPL", at("2031-03-03T16:00:00Z"))).toMatchObject({
      status: "unavailable",
      reason: "out_of_range",
    });
    expect(await market.getEodClose("AAPL", "2023-06-01", at("2026-01-01T00:00:00Z"))).toMatchObject({
      reason: "out_of_range",
    });
    expect(await market.getSeries("AAPL", "1d", at("2031-03-03T16:00:00Z"))).toEqual([]);
  });
});
