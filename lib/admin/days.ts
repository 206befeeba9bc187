import {
  formatKst,
  gameDayAt,
  isCoveredDay,
  isValidDayString,
  lastSettleableTradingDayAt,
  nextTradingDay,
  tradingDayAt,
  type DayString,
} from "@/lib/calendar";

/** The trading day players see now, else the next one: the default of the universe and sessions pages. */
export function currentOrNextTradingDay(now: Date): DayString {
  return tradingDayAt(now) ?? nextTradingDay(gameDayAt(now));
}

/** A `?day=` value if it is a date the calendar covers, else the fallback. */
export function pickDay(value: string | string[] | undefined, fallback: DayString): DayString {
  return typeof value === "string" && isValidDayString(value) && isCoveredDay(value) ? value : fallback;
}

/** The most recent day whose close is final: the default of the prices and settlement pages. */
export const lastFinalDay = lastSettleableTradingDayAt;

/** An instant as admins read it: KST, to the second, with the zone named. */
export function kst(d: Date | null | undefined): string {
  return d ? `${formatKst(d, "yyyy-MM-dd HH:mm:ss")} KST` : "—";
}

/** How far back a page shows the console's finished background runs beside the running ones. */
export const RECENT_RUNS_MS = 30 * 60_000;
export const recentSince = (now: Date) => new Date(now.getTime() - RECENT_RUNS_MS);
