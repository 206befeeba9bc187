/**
 * Leaderboard periods (docs/rules.md §14). Pure, client-safe: a period is named by the first
 * calendar date it covers. A week is the KST Monday–Friday trading week, keyed by its Monday; a
 * month by its first day; all time by a fixed date.
 */
import { addDays, dayOfWeek, type DayString } from "@/lib/calendar/day-string";

export const PERIODS = ["day", "week", "month", "all"] as const;
export type Period = (typeof PERIODS)[number];

export const METRICS = ["points", "accuracy", "edge"] as const;
export type Metric = (typeof METRICS)[number];

export const ALL_TIME_START: DayString = "1970-01-01";

/** Settled non-void calls a player needs in a period to be ranked by accuracy. */
export const ACCURACY_MIN_CALLS: Readonly<Record<Period, number>> = { day: 3, week: 10, month: 30, all: 100 };

export function weekStartOf(day: DayString): DayString {
  const dow = dayOfWeek(day);
  return addDays(day, dow === 0 ? -6 : 1 - dow);
}

export function monthStartOf(day: DayString): DayString {
  return `${day.slice(0, 7)}-01`;
}

/** The first date of the period that contains `day`. */
export function periodStartOf(period: Period, day: DayString): DayString {
  if (period === "day") return day;
  if (period === "week") return weekStartOf(day);
  if (period === "month") return monthStartOf(day);
  return ALL_TIME_START;
}
