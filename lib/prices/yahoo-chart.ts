/** Daily closes and sparkline series from Yahoo's v8 chart endpoint. */
import {
  addDays,
  isCoveredDay,
  isTradingDay,
  isValidDayString,
  NEW_YORK,
  zonedInstant,
  type DayString,
} from "@/lib/calendar";
import { isValidSymbol, usablePrice } from "./price-values";
import { newYorkDayOf, sessionDaysForRange, sessionTimes } from "./sessions";
import type { EodResult, SeriesPoint, SeriesRange, UnavailableReason } from "./types";
import type { YahooCall } from "./yahoo-call";

export const YAHOO_SERIES_INTERVAL = { "1d": "5m", "5d": "30m" } as const satisfies Record<
  SeriesRange,
  string
>;

type Bar = { date: Date; close: number | null };
type Split = { date: Date; numerator?: number; denominator?: number; splitRatio?: string };

/**
 * The close of `tradingDay`: only from the daily bar dated that day in New York, only once
 * final, and never from a null / zero / non-finite value (those are "no data", not 0).
 */
export async function fetchEodClose(
  call: YahooCall,
  symbol: string,
  tradingDay: DayString,
  now: Date,
): Promise<EodResult> {
  const fail = (reason: UnavailableReason, message?: string): EodResult => ({
    status: "unavailable",
    symbol,
    tradingDay,
    reason,
    ...(message ? { message } : {}),
  });
  if (!isValidSymbol(symbol)) return fail("not_found");
  if (!isValidDayString(tradingDay) || !isCoveredDay(tradingDay)) return fail("out_of_range");
  if (!isTradingDay(tradingDay)) return fail("not_trading_day");
  const { closeMs, finalMs } = sessionTimes(tradingDay);
  if (now.getTime() < finalMs) return { status: "not_final", symbol, tradingDay, finalAt: new Date(finalMs) };

  const outcome = await call("chart", (yf) =>
    yf.chart(symbol, {
      period1: zonedInstant(tradingDay, "00:00", NEW_YORK),
      period2: zonedInstant(addDays(tradingDay, 1), "00:00", NEW_YORK),
      interval: "1d",
      includePrePost: false,
      events: "split",
      return: "array",
    }),
  );
  if (!outcome.ok) return fail(outcome.failure.reason, outcome.failure.message);
  const bar = (outcome.value.quotes as Bar[]).find((q) => newYorkDayOf(q.date) === tradingDay);
  if (!bar) return fail("no_data", `no daily bar dated ${tradingDay}`);
  const close = usablePrice(bar.close);
  if (close === null)
    return fail(bar.close === null ? "no_data" : "invalid_price", `close is ${String(bar.close)}`);
  const split = ((outcome.value.events?.splits ?? []) as Split[]).find(
    (s) => newYorkDayOf(s.date) === tradingDay,
  );
  return {
    status: "ok",
    symbol,
    tradingDay,
    close,
    asOf: new Date(closeMs),
    source: "yahoo",
    corporateAction: split ? `split ${split.splitRatio ?? `${split.numerator}:${split.denominator}`}` : null,
  };
}

/** Regular-session points of the last 1 or 5 sessions up to `now`; [] when unavailable. */
export async function fetchSeries(
  call: YahooCall,
  symbol: string,
  range: SeriesRange,
  now: Date,
): Promise<{ points: SeriesPoint[]; failure?: { reason: UnavailableReason; message: string } }> {
  const days = sessionDaysForRange(range, now);
  const sessions = days.map(sessionTimes);
  const start = sessions[0]!.openMs;
  const end = Math.min(now.getTime(), sessions[sessions.length - 1]!.closeMs);
  if (end <= start) return { points: [] };
  const outcome = await call("chart", (yf) =>
    yf.chart(symbol, {
      period1: new Date(start),
      // period2 is exclusive upstream; one more minute keeps the last bar.
      period2: new Date(end + 60_000),
      interval: YAHOO_SERIES_INTERVAL[range],
      includePrePost: false,
      return: "array",
    }),
  );
  if (!outcome.ok) return { points: [], failure: outcome.failure };
  const inSession = (t: number) => sessions.some((s) => s.openMs <= t && t <= s.closeMs);
  const points: SeriesPoint[] = [];
  for (const q of outcome.value.quotes as Bar[]) {
    const t = q.date.getTime();
    const price = usablePrice(q.close);
    if (price !== null && t <= now.getTime() && inSession(t))
      points.push({ asOf: q.date, price, source: "yahoo" });
  }
  return { points };
}
