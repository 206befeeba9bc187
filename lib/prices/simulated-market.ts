/**
 * The offline provider: a deterministic market computed from a seed (SIM_SEED), used by the
 * embedded default and the demo. Same seed → same prices, on every machine, for ever.
 *
 * A quote at instant t is the last regular-session price at or before t: during the
 * session the minute bar of t; in pre-market, after the close, on weekends and holidays
 * the last close (no pre/post-market prices are simulated — the game measures calls from
 * the regular-market price). There are no bars outside sessions, no close on a non-trading
 * day, and a close is only final at settlementDueAt(day), like real data.
 */
import { isTradingDay, previousTradingDay, type DayString } from "@/lib/calendar";
import { DEFAULT_SYMBOLS, DEFAULT_UNIVERSE } from "@/lib/universe/default-list";
import { DEFAULT_NAMES } from "@/lib/universe/default-names";
import { eachSymbol, isValidSymbol, normalizeSymbols } from "./price-values";
import { lastSessionDayAt, newYorkDayOf, sessionDaysForRange, sessionTimes } from "./sessions";
import { unitFrom } from "./prng";
import { SimulatedModel } from "./simulated-model";
import { isCatalogued } from "./simulated-symbols";
import type {
  EodResult,
  PriceProvider,
  QuoteResult,
  SeriesPoint,
  SeriesRange,
  SymbolInfo,
  UnavailableReason,
} from "./types";

const MINUTE_MS = 60_000;
export const SIMULATED_SERIES_STEP_MINUTES: Readonly<Record<SeriesRange, number>> = { "1d": 5, "5d": 30 };
const KNOWN_NAMES = new Map(DEFAULT_UNIVERSE.map(([s, n]) => [s, n]));

export class SimulatedMarketProvider implements PriceProvider {
  readonly id = "simulated" as const;
  readonly label = "Simulated market (not real prices)";
  readonly simulated = true;
  private readonly model: SimulatedModel;

  constructor(readonly seed: string = "ox-universe") {
    this.model = new SimulatedModel(seed);
  }

  /** Synchronous quote; the async interface methods wrap it. */
  quoteAt(symbol: string, now: Date): QuoteResult {
    return this.quoteIn(symbol, quoteContextAt(now));
  }

  async getQuotes(symbols: string[], now: Date): Promise<Map<string, QuoteResult>> {
    // The session arithmetic is done once per call, not once per symbol.
    const context = quoteContextAt(now);
    return new Map(normalizeSymbols(symbols).map((s) => [s, this.quoteIn(s, context)]));
  }

  private quoteIn(symbol: string, context: QuoteContext): QuoteResult {
    if (!isValidSymbol(symbol)) return unavailable(symbol, "not_found");
    if ("error" in context) return unavailable(symbol, "out_of_range", context.error);
    const { day, minute, asOf, previousDay } = context;
    const price =
      minute === null
        ? this.model.dayBar(symbol, day)?.close
        : this.model.intradayPath(symbol, day)?.[minute];
    if (price === undefined) return unavailable(symbol, "out_of_range");
    const previousClose = previousDay ? (this.model.dayBar(symbol, previousDay)?.close ?? null) : null;
    return { status: "ok", symbol, price, previousClose, asOf, source: "simulated" };
  }

  async getEodClose(symbol: string, tradingDay: DayString, now: Date): Promise<EodResult> {
    const s = symbol.trim().toUpperCase();
    const fail = (reason: UnavailableReason, message?: string): EodResult => ({
      ...unavailable(s, reason, message),
      tradingDay,
    });
    if (!isValidSymbol(s)) return fail("not_found");
    try {
      if (!isTradingDay(tradingDay)) return fail("not_trading_day");
      const { closeMs, finalMs } = sessionTimes(tradingDay);
      if (now.getTime() < finalMs)
        return { status: "not_final", symbol: s, tradingDay, finalAt: new Date(finalMs) };
      const bar = this.model.dayBar(s, tradingDay);
      if (!bar) return fail("out_of_range");
      return {
        status: "ok",
        symbol: s,
        tradingDay,
        close: bar.close,
        asOf: new Date(closeMs),
        source: "simulated",
      };
    } catch (e) {
      if (e instanceof RangeError || e instanceof TypeError) return fail("out_of_range", e.message);
      throw e;
    }
  }

  async getEodCloses(symbols: string[], tradingDay: DayString, now: Date): Promise<Map<string, EodResult>> {
    return eachSymbol(symbols, (s) => this.getEodClose(s, tradingDay, now));
  }

  async getSeries(symbol: string, range: SeriesRange, now: Date): Promise<SeriesPoint[]> {
    const s = symbol.trim().toUpperCase();
    if (!isValidSymbol(s)) return [];
    let days: DayString[];
    try {
      days = sessionDaysForRange(range, now);
    } catch (e) {
      if (e instanceof RangeError) return [];
      throw e;
    }
    const step = SIMULATED_SERIES_STEP_MINUTES[range];
    const points: SeriesPoint[] = [];
    for (const day of days) {
      const path = this.model.intradayPath(s, day);
      if (!path) continue;
      const open = sessionTimes(day).openMs;
      const last = path.length - 1;
      // Minutes already traded at `now`; the final point of a finished session is the close.
      const reached = Math.min(last, Math.floor((now.getTime() - open) / MINUTE_MS));
      for (let m = 0; m <= reached; m += step) points.push(point(path[m]!, open + m * MINUTE_MS));
      if (reached % step !== 0) points.push(point(path[reached]!, open + reached * MINUTE_MS));
    }
    return points;
  }

  async lookupSymbols(symbols: string[]): Promise<Map<string, SymbolInfo>> {
    return new Map(
      normalizeSymbols(symbols).map((s) => [
        s,
        { name: KNOWN_NAMES.get(s) ?? s, exchange: "SIM", valid: isValidSymbol(s) && isCatalogued(s) },
      ]),
    );
  }

  /**
   * The catalogue ranked by a volume drawn from the seed, the day and the symbol: the same
   * answer for the same last closed session, a different order from one session to the next.
   */
  async mostActive(count: number, now: Date): Promise<string[]> {
    let day = lastSessionDayAt(now);
    if (sessionTimes(day).closeMs > now.getTime()) day = previousTradingDay(day);
    const volume = (s: string) => unitFrom(this.seed, "volume", day, s);
    return DEFAULT_SYMBOLS.filter((s) => DEFAULT_NAMES.get(s)?.sector !== "etf")
      .sort((a, b) => volume(b) - volume(a) || a.localeCompare(b))
      .slice(0, Math.max(0, count));
  }

  /** The trading day a quote at `now` comes from (for tests and the admin view). */
  sessionDayAt(now: Date): DayString {
    return lastSessionDayAt(now);
  }
}

type QuoteContext =
  { day: DayString; minute: number | null; asOf: Date; previousDay: DayString | null } | { error: string };

/** Where a quote at `now` comes from: a minute of today's session, or the last close. */
function quoteContextAt(now: Date): QuoteContext {
  try {
    const usDay = newYorkDayOf(now);
    const t = now.getTime();
    let day: DayString;
    let minute: number | null = null;
    let asOf: Date;
    const today = isTradingDay(usDay) ? sessionTimes(usDay) : null;
    if (today && today.openMs <= t && t < today.closeMs) {
      day = usDay;
      minute = Math.floor((t - today.openMs) / MINUTE_MS);
      asOf = new Date(today.openMs + minute * MINUTE_MS);
    } else {
      day = today && today.closeMs <= t ? usDay : previousTradingDay(usDay);
      asOf = new Date(sessionTimes(day).closeMs);
    }
    return { day, minute, asOf, previousDay: previousDayOrNull(day) };
  } catch (e) {
    if (e instanceof RangeError) return { error: e.message };
    throw e;
  }
}

function previousDayOrNull(day: DayString): DayString | null {
  try {
    return previousTradingDay(day);
  } catch (e) {
    if (e instanceof RangeError) return null; // the day before the calendar starts
    throw e;
  }
}

function point(price: number, at: number): SeriesPoint {
  return { asOf: new Date(at), price, source: "simulated" };
}

function unavailable(symbol: string, reason: UnavailableReason, message?: string) {
  return { status: "unavailable" as const, symbol, reason, ...(message ? { message } : {}) };
}

export function createSimulatedMarket(seed?: string): SimulatedMarketProvider {
  return new SimulatedMarketProvider(seed);
}
