/**
 * The simulated market's price model, O(days) per symbol and memoised.
 *
 * Daily closes: one chain per (seed, symbol) anchored at the first trading day of the
 * calendar — a geometric random walk with the symbol's drift and volatility, a little
 * overnight gap, and weak mean reversion toward the drifting base so that years of
 * simulation stay plausible. The chain is computed once in calendar order, so any day's
 * close is the same whatever order days are asked in.
 * Intraday: a Brownian bridge per (seed, symbol, day) from the open to the close, one
 * point per minute of the regular session (shorter on early-close days).
 * Prices are rounded to cents (1/100 of a cent below $1) and never fall below $0.0001.
 */
import { CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY, tradingDaysBetween, type DayString } from "@/lib/calendar";
import { normalGenerator, seededRandom } from "./prng";
import { sessionTimes } from "./sessions";
import { symbolProfile } from "./simulated-symbols";

const TRADING_DAYS_PER_YEAR = 252;
const MEAN_REVERSION_PER_DAY = 0.004;
const GAP_SHARE = 0.3;
const INTRADAY_VOL_SHARE = 0.6;
const MIN_PRICE = 0.0001;
const MAX_CACHED_SYMBOLS = 2_000;
const MAX_CACHED_PATHS = 4_000;

let calendarDays: { list: DayString[]; index: Map<DayString, number> } | null = null;

function calendar() {
  if (!calendarDays) {
    const list = tradingDaysBetween(CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY);
    calendarDays = { list, index: new Map(list.map((d, i) => [d, i])) };
  }
  return calendarDays;
}

/** Position of a trading day in the simulation, or null (not a trading day / not covered). */
export function simulationDayIndex(day: DayString): number | null {
  return calendar().index.get(day) ?? null;
}

export function roundSimulatedPrice(p: number): number {
  const rounded = p >= 1 ? Math.round(p * 100) / 100 : Math.round(p * 10_000) / 10_000;
  return Math.max(MIN_PRICE, rounded);
}

/** Closes are computed in calendar order up to the latest day asked for, then kept. */
type Chain = {
  open: Float64Array;
  close: Float64Array;
  computed: number;
  draw: () => number;
  base: number;
  annualDrift: number;
  dailyVol: number;
  drift: number;
};

export class SimulatedModel {
  private readonly chains = new Map<string, Chain>();
  private readonly paths = new Map<string, Float64Array>();

  constructor(readonly seed: string) {}

  /** Open and close of a trading day, or null when the day is outside the simulation. */
  dayBar(symbol: string, day: DayString): { open: number; close: number } | null {
    const i = simulationDayIndex(day);
    if (i === null) return null;
    const chain = this.chainThrough(symbol, i);
    return { open: chain.open[i]!, close: chain.close[i]! };
  }

  /** Minute prices of the regular session: index 0 is the open, the last is the close. */
  intradayPath(symbol: string, day: DayString): Float64Array | null {
    const key = `${symbol}|${day}`;
    const cached = this.paths.get(key);
    if (cached) return cached;
    const bar = this.dayBar(symbol, day);
    if (!bar) return null;
    const { openMs, closeMs } = sessionTimes(day);
    const minutes = Math.round((closeMs - openMs) / 60_000);
    const draw = normalGenerator(seededRandom(this.seed, "intraday", symbol, day));
    const walk = new Float64Array(minutes + 1);
    const step = Math.sqrt(1 / minutes);
    for (let m = 1; m <= minutes; m++) walk[m] = walk[m - 1]! + draw() * step;
    const lo = Math.log(bar.open);
    const lc = Math.log(bar.close);
    const vol = this.chains.get(symbol)!.dailyVol * INTRADAY_VOL_SHARE;
    const path = new Float64Array(minutes + 1);
    for (let m = 0; m <= minutes; m++) {
      const f = m / minutes;
      path[m] = roundSimulatedPrice(Math.exp(lo + f * (lc - lo) + vol * (walk[m]! - f * walk[minutes]!)));
    }
    path[0] = bar.open;
    path[minutes] = bar.close;
    if (this.paths.size >= MAX_CACHED_PATHS) this.paths.clear();
    this.paths.set(key, path);
    return path;
  }

  private chainThrough(symbol: string, index: number): Chain {
    let chain = this.chains.get(symbol);
    if (!chain) {
      const { basePrice, annualDrift, annualVol } = symbolProfile(this.seed, symbol);
      const days = calendar().list.length;
      chain = {
        open: new Float64Array(days),
        close: new Float64Array(days),
        computed: 0,
        draw: normalGenerator(seededRandom(this.seed, "chain", symbol)),
        base: Math.log(basePrice),
        annualDrift,
        dailyVol: annualVol / Math.sqrt(TRADING_DAYS_PER_YEAR),
        drift: (annualDrift - (annualVol * annualVol) / 2) / TRADING_DAYS_PER_YEAR,
      };
      if (this.chains.size >= MAX_CACHED_SYMBOLS) this.chains.clear();
      this.chains.set(symbol, chain);
    }
    const { open, close, draw, base, annualDrift, dailyVol, drift } = chain;
    for (let k = chain.computed; k <= index; k++) {
      const previous = k === 0 ? base : Math.log(close[k - 1]!);
      const trend = base + (annualDrift * k) / TRADING_DAYS_PER_YEAR;
      const lo = previous + GAP_SHARE * dailyVol * draw();
      const lc = lo + drift - MEAN_REVERSION_PER_DAY * (previous - trend) + dailyVol * draw();
      open[k] = roundSimulatedPrice(Math.exp(lo));
      close[k] = roundSimulatedPrice(Math.exp(lc));
    }
    chain.computed = Math.max(chain.computed, index + 1);
    return chain;
  }
}
