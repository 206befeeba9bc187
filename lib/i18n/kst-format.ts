/**
 * KST times for people, formatted by hand so the server (Node's ICU) and every browser print
 * exactly the same characters (Intl's Korean day periods differ between them: "PM" / "오후",
 * which broke hydration). KST has no daylight saving: an instant + 9 h read as UTC is KST.
 */
import type { Locale } from "./config";

const KST_OFFSET_MS = 9 * 3_600_000;
const WEEKDAYS = {
  ko: ["일", "월", "화", "수", "목", "금", "토"],
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
} as const;
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function kstParts(instant: string | number | Date) {
  const t = typeof instant === "number" ? instant : new Date(instant).getTime();
  const d = new Date(t + KST_OFFSET_MS);
  return {
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** "오후 11:59" / "11:59 PM" (no zone: callers name it). */
export function kstTime(instant: string | number | Date, locale: Locale): string {
  const p = kstParts(instant);
  const h12 = p.hour % 12 || 12;
  const mm = String(p.minute).padStart(2, "0");
  return locale === "ko"
    ? `${p.hour < 12 ? "오전" : "오후"} ${h12}:${mm}`
    : `${h12}:${mm} ${p.hour < 12 ? "AM" : "PM"}`;
}

/** "12월 1일 (화)" / "Tue, Dec 1". */
export function kstDate(instant: string | number | Date, locale: Locale): string {
  const p = kstParts(instant);
  return locale === "ko"
    ? `${p.month + 1}월 ${p.day}일 (${WEEKDAYS.ko[p.weekday]})`
    : `${WEEKDAYS.en[p.weekday]}, ${MONTHS_EN[p.month]} ${p.day}`;
}

/** "12월 1일 (화) 오후 11:59" / "Tue, Dec 1, 11:59 PM". */
export function kstDateTime(instant: string | number | Date, locale: Locale): string {
  return locale === "ko"
    ? `${kstDate(instant, locale)} ${kstTime(instant, locale)}`
    : `${kstDate(instant, locale)}, ${kstTime(instant, locale)}`;
}

/** A calendar day "2026-12-01" as "12월 1일 (화)" / "Tue, Dec 1" (noon KST: never a zone edge). */
export function dayLabel(day: string, locale: Locale): string {
  return kstDate(`${day}T12:00:00+09:00`, locale);
}

/** next-intl `format.dateTime` options for a KST date and 24-hour time to the minute ("12.05. 14:30"). */
export const KST_MONTH_DAY_TIME = {
  timeZone: "Asia/Seoul",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
} as const;

/** The same with the year. */
export const KST_DATE_TIME = { ...KST_MONTH_DAY_TIME, year: "numeric" } as const;
