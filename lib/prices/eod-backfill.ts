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

export async function backfillEod(
  db: Database,
  provider: PriceProvider,
  input: { from: DayString; to: DayString; symbols: string[]; now: Date },
): Promise<BackfillEodResult> {
  const { from, to, now } = input;
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
  // Non-trading days (weekends, holidays) are never asked for: there is no close to read.
  const tradingDays = tradingDaysBetween(from, to);
  if (tradingDays.length > MAX_BACKFILL_TRADING_DAYS) {
    throw new AppError(
      "bad_request:date_range",
      `At most ${MAX_BACKFILL_TRADING_DAYS} trading days per backfill.`,
    );
  }
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
      continue;
    }
    const collected = await collectEod(db, provider, { tradingDay: day, symbols, now });
    result.days.push(collected);
    result.totals.stored += collected.stored.length;
    result.totals.alreadyStored += collected.alreadyStored.length;
    result.totals.pending += collected.pending.length;
  }
  return result;
}
