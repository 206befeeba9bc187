/**
 * Maps instants to OX Universe game days, sessions and NYSE market state.
 *
 * Product time is KST (fixed UTC+9), market time is America/New_York (with DST).
 * A game day D runs 06:00 KST D → 06:00 KST D+1, which puts the whole US regular
 * session of US date D inside KST game day D in both US winter and summer.
 * All conversions go through date-fns-tz with explicit zones, never the host zone.
 */
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { assertDayString, isWeekend, type DayString } from "./day-string";
import type { HolidayName } from "./nyse-holidays";
import { earlyCloseOn, holidayOn, isTradingDay, nextTradingDay, previousTradingDay } from "./trading-days";

export * from "./day-string";
export * from "./trading-days";
export type { HolidayName } from "./nyse-holidays";

export const KST = "Asia/Seoul";
export const NEW_YORK = "America/New_York";

export const GAME_DAY_START_KST = "06:00";
export const SESSION_CUTOFF_KST = "23:59";
/** Data vendors need time after the close to publish final prices. */
export const SETTLEMENT_DELAY_MINUTES = 20;

const PRE_MARKET_OPEN_ET = "04:00";
const REGULAR_OPEN_ET = "09:30";
const REGULAR_CLOSE_ET = "16:00";
const POST_MARKET_CLOSE_ET = "20:00";

export type MarketState = "PRE" | "OPEN" | "POST" | "CLOSED";

export interface SessionWindow {
  gameDay: DayString;
  /** gameDay when NYSE trades that date, else null. */
  tradingDay: DayString | null;
  /** True while predictions are accepted: [opensAt, closesAt) of a trading day. */
  isOpen: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  /** The next session open strictly after the instant asked about. */
  nextOpenAt: Date;
  nextTradingDay: DayString;
  holiday: HolidayName | null;
  weekend: boolean;
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new TypeError(`Expected a valid Date instant, got ${String(instant)}`);
  }
}

function requireTradingDay(day: DayString): void {
  if (!isTradingDay(day)) throw new Error(`${day} is not a NYSE trading day`);
}

/**
 * Time-zone results are pure functions of a day and a wall-clock time, asked for on every
 * request (the session window, the market state): computed once per process and kept, a few
 * entries per calendar day (bounded: cleared past 10,000 entries).
 */
const zoned = new Map<string, number>();

/** The instant at wall-clock `time` ("HH:mm") on `day` in `timeZone`. */
export function zonedInstant(day: DayString, time: string, timeZone: string): Date {
  const key = `${day}T${time}@${timeZone}`;
  let t = zoned.get(key);
  if (t === undefined) {
    assertDayString(day);
    t = fromZonedTime(`${day}T${time}:00`, timeZone).getTime();
    if (zoned.size >= 10_000) zoned.clear();
    zoned.set(key, t);
  }
  return new Date(t);
}

export function formatKst(instant: Date, pattern: string): string {
  assertInstant(instant);
  return formatInTimeZone(instant, KST, pattern);
}

export function formatNewYork(instant: Date, pattern: string): string {
  assertInstant(instant);
  return formatInTimeZone(instant, NEW_YORK, pattern);
}

export function marketOpenAt(day: DayString): Date {
  requireTradingDay(day);
  return zonedInstant(day, REGULAR_OPEN_ET, NEW_YORK);
}

export function marketCloseAt(day: DayString): Date {
  requireTradingDay(day);
  return zonedInstant(day, earlyCloseOn(day)?.closeEt ?? REGULAR_CLOSE_ET, NEW_YORK);
}

/** 06:00 KST on `day`; defined for any day, trading or not. */
export function gameDayStartAt(day: DayString): Date {
  return zonedInstant(day, GAME_DAY_START_KST, KST);
}

export function sessionOpenAt(day: DayString): Date {
  requireTradingDay(day);
  return gameDayStartAt(day);
}

/** First instant at which predictions for `day` are refused. */
export function sessionCutoffAt(day: DayString): Date {
  requireTradingDay(day);
  return zonedInstant(day, SESSION_CUTOFF_KST, KST);
}

export function settlementDueAt(day: DayString): Date {
  return new Date(marketCloseAt(day).getTime() + SETTLEMENT_DELAY_MINUTES * 60_000);
}

const KST_OFFSET_MS = 9 * 3_600_000;

export function gameDayAt(instant: Date): DayString {
  assertInstant(instant);
  // KST is UTC+9 with no DST, so "KST date of (instant − 6h)" is the UTC date of instant + 3h:
  // exactly the 06:00 boundary rule (a unit test compares it with date-fns-tz over years).
  return new Date(instant.getTime() + KST_OFFSET_MS - 6 * 3_600_000).toISOString().slice(0, 10);
}

/** The New York calendar date of an instant, from the (cached) New York midnights around it. */
function newYorkDayAt(instant: Date): DayString {
  const t = instant.getTime();
  // New York is UTC−5 or UTC−4: the UTC date of t − 5h is the New York date or the day before it.
  let day = new Date(t - 5 * 3_600_000).toISOString().slice(0, 10);
  const next = addUtcDays(day, 1);
  if (t >= zonedInstant(next, "00:00", NEW_YORK).getTime()) day = next;
  return day;
}

function addUtcDays(day: DayString, n: number): DayString {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function tradingDayAt(instant: Date): DayString | null {
  const day = gameDayAt(instant);
  return isTradingDay(day) ? day : null;
}

export function marketStateAt(instant: Date): MarketState {
  assertInstant(instant);
  // Market state follows the New York calendar date, not the KST game day.
  const usDay = newYorkDayAt(instant);
  if (!isTradingDay(usDay)) return "CLOSED";
  const t = instant.getTime();
  if (t < zonedInstant(usDay, PRE_MARKET_OPEN_ET, NEW_YORK).getTime()) return "CLOSED";
  if (t < marketOpenAt(usDay).getTime()) return "PRE";
  if (t < marketCloseAt(usDay).getTime()) return "OPEN";
  if (t < zonedInstant(usDay, POST_MARKET_CLOSE_ET, NEW_YORK).getTime()) return "POST";
  return "CLOSED";
}

export function sessionWindowAt(instant: Date): SessionWindow {
  const gameDay = gameDayAt(instant);
  const tradingDay = isTradingDay(gameDay) ? gameDay : null;
  const opensAt = tradingDay ? sessionOpenAt(tradingDay) : null;
  const closesAt = tradingDay ? sessionCutoffAt(tradingDay) : null;
  const t = instant.getTime();
  const isOpen = opensAt !== null && closesAt !== null && opensAt.getTime() <= t && t < closesAt.getTime();
  const upcoming = nextTradingDay(gameDay);
  // Today's session opens at the game day's first instant, which is never strictly
  // after `instant`, so the next open is always the next trading day's.
  return {
    gameDay,
    tradingDay,
    isOpen,
    opensAt,
    closesAt,
    nextOpenAt: sessionOpenAt(upcoming),
    nextTradingDay: upcoming,
    holiday: holidayOn(gameDay),
    weekend: isWeekend(gameDay),
  };
}

/** Most recent trading day whose settlementDueAt is at or before `instant`. */
export function lastSettleableTradingDayAt(instant: Date): DayString {
  const gameDay = gameDayAt(instant);
  // Settlement of D can fall inside game day D itself (05:20 KST D+1 in US summer).
  let day = isTradingDay(gameDay) ? gameDay : previousTradingDay(gameDay);
  while (settlementDueAt(day).getTime() > instant.getTime()) day = previousTradingDay(day);
  return day;
}
