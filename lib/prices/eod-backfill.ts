import "server-only";
/** Admin backfill: collect the closes of every trading day of a past range. */
import type { Database } from "@/db/client";
import {
  isCoveredDay,
  isValidDayString,
  settlementDueAt,
  tradingDaysBetween,
  type DayString,
} from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { assertSymbols, collectEod, type CollectEodResult } from "./eod-store";
import type { PriceProvider } from "./types";

/** About a year of trading days: beyond that, run several backfills. */
export const MAX_BACKFILL_TRADING_DAYS = 260;

export type BackfillEodResult = {
  from: DayString;
  to: DayString;
  days: CollectEodResult[];
  /** Trading days in the range whose close is not final yet at `now`. */
  notFinal: DayString[];
  totals: { stored: number; alreadyStored: number; pending: number };
};

/**
 * A backfill's range and symbols checked, or a 400 naming the field: calendar days, `from` not
 * after `to`, at most MAX_BACKFILL_TRADING_DAYS trading days, well-formed symbols. The days are
 * the range's trading days (weekends and holidays are never asked for: there is no close).
 */
export function backfillRange(input: { from: string; to: string; symbols: string[] }): {
  from: DayString;
  to: DayString;
  symbols: string[];
  tradingDays: DayString[];
} {
  const { from, to } = input;
  for (const [field, day] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isValidDayString(day) || !isCoveredDay(day)) {
      throw new AppError(
        "bad_request:date_range",
        `${field} must be a date in the trading calendar (YYYY-MM-DD).`,
        {
          fieldErrors: { [field]: ["invalid date"] },
        },
      );
    }
  }
  if (from > to)
    throw new AppError("bad_request:date_range", "from must not be after to.", {
      fieldErrors: { from: ["after to"] },
    });
  const symbols = assertSymbols(input.symbols);
  const tradingDays = tradingDaysBetween(from, to);
  if (tradingDays.length > MAX_BACKFILL_TRADING_DAYS) {
    throw new AppError(
      "bad_request:date_range",
      `At most ${MAX_BACKFILL_TRADING_DAYS} trading days per backfill.`,
    );
  }
  return { from, to, symbols, tradingDays };
}

export async function backfillEod(
  db: Database,
  provider: PriceProvider,
  input: {
    from: DayString;
    to: DayString;
    symbols: string[];
    now: Date;
    /** After each trading day: closes handled so far of the range's total (days × symbols). */
    onProgress?: (done: number, total: number) => Promise<void>;
  },
): Promise<BackfillEodResult> {
  const { now } = input;
  const { from, to, symbols, tradingDays } = backfillRange(input);
  const total = tradingDays.length * symbols.length;
  let handled = 0;
  const result: BackfillEodResult = {
    from,
    to,
    days: [],
    notFinal: [],
    totals: { stored: 0, alreadyStored: 0, pending: 0 },
  };
  // Day by day: the provider's throttle paces requests inside a day; days are not raced.
  for (const day of tradingDays) {
    if (now.getTime() < settlementDueAt(day).getTime()) {
      result.notFinal.push(day);
      handled += symbols.length;
      continue;
    }
    const collected = await collectEod(db, provider, { tradingDay: day, symbols, now });
    result.days.push(collected);
    result.totals.stored += collected.stored.length;
    result.totals.alreadyStored += collected.alreadyStored.length;
    result.totals.pending += collected.pending.length;
    handled += symbols.length;
    await input.onProgress?.(handled, total);
  }
  return result;
}
