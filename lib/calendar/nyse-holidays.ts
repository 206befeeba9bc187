/**
 * NYSE full closures and 13:00 ET early closes, 2024–2030, as plain data.
 *
 * Kept as a hand-written table (not computed) because the exchange's calendar is a
 * published decision, not a formula: ad-hoc closures (2025-01-09, President Carter's
 * day of mourning) and judgement calls (no early close before a Friday-observed
 * July 4th) can only be expressed as data. `nyse-holidays.test.ts` cross-checks the
 * table against the rule-based derivation so typos are caught.
 * Only dates on which the exchange is actually affected appear (observed dates).
 */
import type { DayString } from "./day-string";

export const CALENDAR_FIRST_YEAR = 2024;
export const CALENDAR_LAST_YEAR = 2030;

export interface HolidayName {
  readonly en: string;
  readonly ko: string;
}

export interface EarlyClose extends HolidayName {
  readonly closeEt: "13:00";
}

const NEW_YEAR = { en: "New Year's Day", ko: "신정" } as const;
const MLK = { en: "Martin Luther King Jr. Day", ko: "마틴 루터 킹 주니어의 날" } as const;
const WASHINGTON = { en: "Washington's Birthday", ko: "대통령의 날" } as const;
const GOOD_FRIDAY = { en: "Good Friday", ko: "성금요일" } as const;
const MEMORIAL = { en: "Memorial Day", ko: "메모리얼 데이" } as const;
const JUNETEENTH = { en: "Juneteenth", ko: "준틴스(노예해방 기념일)" } as const;
const JUNETEENTH_OBS = { en: "Juneteenth (observed)", ko: "준틴스(노예해방 기념일) 대체 휴장" } as const;
const INDEPENDENCE = { en: "Independence Day", ko: "독립기념일" } as const;
const INDEPENDENCE_OBS = { en: "Independence Day (observed)", ko: "독립기념일 대체 휴장" } as const;
const LABOR = { en: "Labor Day", ko: "노동절" } as const;
const THANKSGIVING = { en: "Thanksgiving", ko: "추수감사절" } as const;
const CHRISTMAS = { en: "Christmas", ko: "크리스마스" } as const;
const CHRISTMAS_OBS = { en: "Christmas (observed)", ko: "크리스마스 대체 휴장" } as const;
const CARTER_MOURNING = {
  en: "National Day of Mourning for President Jimmy Carter",
  ko: "지미 카터 전 대통령 국가 애도일",
} as const;

const EVE_OF_INDEPENDENCE = {
  en: "Day before Independence Day",
  ko: "독립기념일 전날",
  closeEt: "13:00",
} as const;
const DAY_AFTER_THANKSGIVING = {
  en: "Day after Thanksgiving",
  ko: "추수감사절 다음 날",
  closeEt: "13:00",
} as const;
const CHRISTMAS_EVE = { en: "Christmas Eve", ko: "크리스마스 이브", closeEt: "13:00" } as const;

export const NYSE_FULL_HOLIDAYS: Readonly<Record<DayString, HolidayName>> = Object.freeze({
  "2024-01-01": NEW_YEAR,
  "2024-01-15": MLK,
  "2024-02-19": WASHINGTON,
  "2024-03-29": GOOD_FRIDAY,
  "2024-05-27": MEMORIAL,
  "2024-06-19": JUNETEENTH,
  "2024-07-04": INDEPENDENCE,
  "2024-09-02": LABOR,
  "2024-11-28": THANKSGIVING,
  "2024-12-25": CHRISTMAS,

  "2025-01-01": NEW_YEAR,
  "2025-01-09": CARTER_MOURNING,
  "2025-01-20": MLK,
  "2025-02-17": WASHINGTON,
  "2025-04-18": GOOD_FRIDAY,
  "2025-05-26": MEMORIAL,
  "2025-06-19": JUNETEENTH,
  "2025-07-04": INDEPENDENCE,
  "2025-09-01": LABOR,
  "2025-11-27": THANKSGIVING,
  "2025-12-25": CHRISTMAS,

  "2026-01-01": NEW_YEAR,
  "2026-01-19": MLK,
  "2026-02-16": WASHINGTON,
  "2026-04-03": GOOD_FRIDAY,
  "2026-05-25": MEMORIAL,
  "2026-06-19": JUNETEENTH,
  "2026-07-03": INDEPENDENCE_OBS, // July 4 is a Saturday
  "2026-09-07": LABOR,
  "2026-11-26": THANKSGIVING,
  "2026-12-25": CHRISTMAS,

  "2027-01-01": NEW_YEAR,
  "2027-01-18": MLK,
  "2027-02-15": WASHINGTON,
  "2027-03-26": GOOD_FRIDAY,
  "2027-05-31": MEMORIAL,
  "2027-06-18": JUNETEENTH_OBS, // June 19 is a Saturday
  "2027-07-05": INDEPENDENCE_OBS, // July 4 is a Sunday
  "2027-09-06": LABOR,
  "2027-11-25": THANKSGIVING,
  "2027-12-24": CHRISTMAS_OBS, // December 25 is a Saturday

  // 2028-01-01 is a Saturday: NYSE does not close on Friday 2027-12-31 (year-end rule).
  "2028-01-17": MLK,
  "2028-02-21": WASHINGTON,
  "2028-04-14": GOOD_FRIDAY,
  "2028-05-29": MEMORIAL,
  "2028-06-19": JUNETEENTH,
  "2028-07-04": INDEPENDENCE,
  "2028-09-04": LABOR,
  "2028-11-23": THANKSGIVING,
  "2028-12-25": CHRISTMAS,

  "2029-01-01": NEW_YEAR,
  "2029-01-15": MLK,
  "2029-02-19": WASHINGTON,
  "2029-03-30": GOOD_FRIDAY,
  "2029-05-28": MEMORIAL,
  "2029-06-19": JUNETEENTH,
  "2029-07-04": INDEPENDENCE,
  "2029-09-03": LABOR,
  "2029-11-22": THANKSGIVING,
  "2029-12-25": CHRISTMAS,

  "2030-01-01": NEW_YEAR,
  "2030-01-21": MLK,
  "2030-02-18": WASHINGTON,
  "2030-04-19": GOOD_FRIDAY,
  "2030-05-27": MEMORIAL,
  "2030-06-19": JUNETEENTH,
  "2030-07-04": INDEPENDENCE,
  "2030-09-02": LABOR,
  "2030-11-28": THANKSGIVING,
  "2030-12-25": CHRISTMAS,
});

export const NYSE_EARLY_CLOSES: Readonly<Record<DayString, EarlyClose>> = Object.freeze({
  "2024-07-03": EVE_OF_INDEPENDENCE,
  "2024-11-29": DAY_AFTER_THANKSGIVING,
  "2024-12-24": CHRISTMAS_EVE,

  "2025-07-03": EVE_OF_INDEPENDENCE,
  "2025-11-28": DAY_AFTER_THANKSGIVING,
  "2025-12-24": CHRISTMAS_EVE,

  // 2026: July 4 observed on Friday July 3, so Thursday July 2 trades a full day.
  "2026-11-27": DAY_AFTER_THANKSGIVING,
  "2026-12-24": CHRISTMAS_EVE,

  // 2027: July 4 observed Monday and Dec 24 is itself the Christmas holiday.
  "2027-11-26": DAY_AFTER_THANKSGIVING,

  "2028-07-03": EVE_OF_INDEPENDENCE,
  "2028-11-24": DAY_AFTER_THANKSGIVING,
  // 2028-12-24 is a Sunday.

  "2029-07-03": EVE_OF_INDEPENDENCE,
  "2029-11-23": DAY_AFTER_THANKSGIVING,
  "2029-12-24": CHRISTMAS_EVE,

  "2030-07-03": EVE_OF_INDEPENDENCE,
  "2030-11-29": DAY_AFTER_THANKSGIVING,
  "2030-12-24": CHRISTMAS_EVE,
});
