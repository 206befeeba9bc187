/**
 * Which US dates NYSE trades on. Weekends are answered for any year; anything else
 * needs the holiday table, so weekdays outside the covered years throw instead of
 * silently treating an unknown holiday as a trading day.
 */
import { addDays, assertDayString, isWeekend, yearOf, type DayString } from "./day-string";
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  NYSE_EARLY_CLOSES,
  NYSE_FULL_HOLIDAYS,
  type EarlyClose,
  type HolidayName,
} from "./nyse-holidays";

export const CALENDAR_FIRST_DAY: DayString = `${CALENDAR_FIRST_YEAR}-01-01`;
export const CALENDAR_LAST_DAY: DayString = `${CALENDAR_LAST_YEAR}-12-31`;

export function isCoveredDay(day: DayString): boolean {
  const year = yearOf(day);
  return year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;
}

function assertCovered(day: DayString): void {
  if (!isCoveredDay(day)) {
    throw new RangeError(
      `NYSE calendar covers ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR} only; cannot tell whether ${day} is a trading day`,
    );
  }
}

// Object.hasOwn keeps prototype keys such as "constructor" from looking like holidays.
function lookup<T>(table: Readonly<Record<DayString, T>>, day: DayString): T | null {
  return Object.hasOwn(table, day) ? (table[day] ?? null) : null;
}

export function holidayOn(day: DayString): HolidayName | null {
  assertDayString(day);
  if (isWeekend(day)) return null;
  assertCovered(day);
  return lookup(NYSE_FULL_HOLIDAYS, day);
}

export function earlyCloseOn(day: DayString): EarlyClose | null {
  assertDayString(day);
  if (isWeekend(day)) return null;
  assertCovered(day);
  return lookup(NYSE_EARLY_CLOSES, day);
}

export function isTradingDay(day: DayString): boolean {
  assertDayString(day);
  if (isWeekend(day)) return false;
  return holidayOn(day) === null;
}

/** The first trading day strictly after `day`. */
export function nextTradingDay(day: DayString): DayString {
  let candidate = addDays(day, 1);
  while (!isTradingDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

/** The last trading day strictly before `day`. */
export function previousTradingDay(day: DayString): DayString {
  let candidate = addDays(day, -1);
  while (!isTradingDay(candidate)) candidate = addDays(candidate, -1);
  return candidate;
}

/** Trading days in [from, to], both inclusive; empty when from > to. */
export function tradingDaysBetween(from: DayString, to: DayString): DayString[] {
  assertDayString(from);
  assertDayString(to);
  const days: DayString[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (isTradingDay(day)) days.push(day);
  }
  return days;
}
