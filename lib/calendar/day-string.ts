/**
 * Pure calendar-date arithmetic on "YYYY-MM-DD" strings.
 * Everything goes through UTC midnight so the host machine's time zone can never
 * shift a date (the app runs on servers in UTC and on laptops in any zone).
 */

/** A calendar date "YYYY-MM-DD" (a US date when it names a trading day). */
export type DayString = string;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function utcMidnight(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function isValidDayString(s: unknown): s is DayString {
  if (typeof s !== "string" || !DAY_PATTERN.test(s)) return false;
  const date = utcMidnight(s);
  // Round-tripping rejects impossible dates such as 2026-02-30, which Date would roll over.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
}

export function assertDayString(day: unknown): asserts day is DayString {
  if (!isValidDayString(day)) {
    throw new TypeError(`Expected a day string "YYYY-MM-DD", got ${JSON.stringify(day)}`);
  }
}

export function addDays(day: DayString, n: number): DayString {
  assertDayString(day);
  if (!Number.isInteger(n)) throw new TypeError(`addDays expects an integer, got ${n}`);
  return new Date(utcMidnight(day).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay but independent of the host zone. */
export function dayOfWeek(day: DayString): number {
  assertDayString(day);
  return utcMidnight(day).getUTCDay();
}

export function isWeekend(day: DayString): boolean {
  const dow = dayOfWeek(day);
  return dow === 0 || dow === 6;
}

export function yearOf(day: DayString): number {
  assertDayString(day);
  return Number(day.slice(0, 4));
}
