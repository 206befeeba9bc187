import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek, isWeekend, type DayString } from "./day-string";
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  NYSE_EARLY_CLOSES,
  NYSE_FULL_HOLIDAYS,
} from "./nyse-holidays";

// Independent rule-based derivation of NYSE Rule 7.2 holidays, used only to catch
// typos in the hand-written table. Ad-hoc closures cannot be derived and are listed.
const AD_HOC_CLOSURES: readonly DayString[] = ["2025-01-09"];

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number): DayString => `${y}-${pad(m)}-${pad(d)}`;

/** n-th (1-based) given weekday of a month, or the last one when n = -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): DayString {
  if (n === -1) {
    let day = addDays(ymd(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
    while (dayOfWeek(day) !== weekday) day = addDays(day, -1);
    return day;
  }
  let day = ymd(year, month, 1);
  while (dayOfWeek(day) !== weekday) day = addDays(day, 1);
  return addDays(day, 7 * (n - 1));
}

/** Saturday holidays move to Friday, Sunday holidays to Monday. */
function observed(day: DayString): DayString {
  const dow = dayOfWeek(day);
  return dow === 6 ? addDays(day, -1) : dow === 0 ? addDays(day, 1) : day;
}

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): DayString {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

function ruleHolidays(year: number): DayString[] {
  const newYear = ymd(year, 1, 1);
  return [
    // A Saturday New Year's Day is not moved back into the previous (accounting) year.
    ...(dayOfWeek(newYear) === 6 ? [] : [observed(newYear)]),
    nthWeekday(year, 1, 1, 3),
    nthWeekday(year, 2, 1, 3),
    addDays(easterSunday(year), -2),
    nthWeekday(year, 5, 1, -1),
    observed(ymd(year, 6, 19)),
    observed(ymd(year, 7, 4)),
    nthWeekday(year, 9, 1, 1),
    nthWeekday(year, 11, 4, 4),
    observed(ymd(year, 12, 25)),
    ...AD_HOC_CLOSURES.filter((d) => d.startsWith(`${year}-`)),
  ].sort();
}

function ruleEarlyCloses(year: number): DayString[] {
  const isMonToThu = (day: DayString) => dayOfWeek(day) >= 1 && dayOfWeek(day) <= 4;
  const julyThird = ymd(year, 7, 3);
  const christmasEve = ymd(year, 12, 24);
  return [
    ...(isMonToThu(julyThird) ? [julyThird] : []),
    addDays(nthWeekday(year, 11, 4, 4), 1),
    ...(isMonToThu(christmasEve) ? [christmasEve] : []),
  ];
}

const years = Array.from(
  { length: CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1 },
  (_, i) => CALENDAR_FIRST_YEAR + i,
);
const tableDaysIn = (table: Record<DayString, unknown>, year: number) =>
  Object.keys(table)
    .filter((d) => d.startsWith(`${year}-`))
    .sort();

describe("NYSE holiday table", () => {
  it("covers 2024–2030", () => {
    expect(CALENDAR_FIRST_YEAR).toBe(2024);
    expect(CALENDAR_LAST_YEAR).toBe(2030);
    expect(years).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
  });

  it.each(years)("full holidays of %i match the NYSE rules", (year) => {
    expect(tableDaysIn(NYSE_FULL_HOLIDAYS, year)).toEqual(ruleHolidays(year));
  });

  it.each(years)("early closes of %i match the NYSE rules", (year) => {
    expect(tableDaysIn(NYSE_EARLY_CLOSES, year)).toEqual(ruleEarlyCloses(year));
  });

  it("the rule helpers themselves produce known dates", () => {
    expect(years.map((y) => addDays(easterSunday(y), -2))).toEqual([
      "2024-03-29",
      "2025-04-18",
      "2026-04-03",
      "2027-03-26",
      "2028-04-14",
      "2029-03-30",
      "2030-04-19",
    ]);
    expect(nthWeekday(2026, 11, 4, 4)).toBe("2026-11-26");
    expect(nthWeekday(2027, 5, 1, -1)).toBe("2027-05-31");
    expect(nthWeekday(2030, 12, 2, -1)).toBe("2030-12-31");
  });

  it("has only weekday entries, no overlaps, and both names on each", () => {
    for (const [day, name] of Object.entries(NYSE_FULL_HOLIDAYS)) {
      expect(isWeekend(day), day).toBe(false);
      expect(Object.hasOwn(NYSE_EARLY_CLOSES, day), day).toBe(false);
      expect(name.en.length).toBeGreaterThan(0);
      expect(name.ko).toMatch(/[가-힣]/);
    }
    for (const [day, close] of Object.entries(NYSE_EARLY_CLOSES)) {
      expect(isWeekend(day), day).toBe(false);
      expect(close.closeEt).toBe("13:00");
      expect(close.ko).toMatch(/[가-힣]/);
    }
  });

  it("keeps the documented special cases", () => {
    expect(NYSE_FULL_HOLIDAYS["2025-01-09"]?.en).toMatch(/Carter/);
    expect(NYSE_FULL_HOLIDAYS["2026-07-03"]?.en).toBe("Independence Day (observed)");
    expect(NYSE_EARLY_CLOSES["2026-07-02"]).toBeUndefined();
    expect(NYSE_FULL_HOLIDAYS["2027-12-31"]).toBeUndefined();
    expect(NYSE_FULL_HOLIDAYS["2027-12-24"]?.en).toBe("Christmas (observed)");
    expect(Object.isFrozen(NYSE_FULL_HOLIDAYS)).toBe(true);
    expect(Object.isFrozen(NYSE_EARLY_CLOSES)).toBe(true);
  });
});
