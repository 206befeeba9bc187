/** Which regular sessions an instant "sees", shared by every provider. */
import {
  formatNewYork,
  isTradingDay,
  marketCloseAt,
  marketOpenAt,
  previousTradingDay,
  settlementDueAt,
  type DayString,
} from "@/lib/calendar";
import type { SeriesRange } from "./types";

export type SessionTimes = { openMs: number; closeMs: number; finalMs: number };

const sessionTimesCache = new Map<DayString, SessionTimes>();

/**
 * Open, close and settlement instants of a trading day, memoised: zone conversions cost
 * ~0.1 ms each, and quoting 100 symbols must not pay them per symbol. Throws for a
 * non-trading day, like the calendar.
 */
export function sessionTimes(day: DayString): SessionTimes {
  let times = sessionTimesCache.get(day);
  if (!times) {
    times = {
      openMs: marketOpenAt(day).getTime(),
      closeMs: marketCloseAt(day).getTime(),
      finalMs: settlementDueAt(day).getTime(),
    };
    sessionTimesCache.set(day, times);
  }
  return times;
}

/** The New York calendar date of an instant (the date a US trading day is named by). */
export function newYorkDayOf(instant: Date): DayString {
  return formatNewYork(instant, "yyyy-MM-dd");
}

/** The latest trading day whose regular session has opened at `now`. */
export function lastSessionDayAt(now: Date): DayString {
  const day = newYorkDayOf(now);
  if (isTradingDay(day) && sessionTimes(day).openMs <= now.getTime()) return day;
  return previousTradingDay(day);
}

export const SERIES_DAYS: Readonly<Record<SeriesRange, number>> = { "1d": 1, "5d": 5 };

/** The sessions a sparkline of `range` covers at `now`, oldest first. */
export function sessionDaysForRange(range: SeriesRange, now: Date): DayString[] {
  const days = [lastSessionDayAt(now)];
  while (days.length < SERIES_DAYS[range]) days.unshift(previousTradingDay(days[0]!));
  return days;
}
