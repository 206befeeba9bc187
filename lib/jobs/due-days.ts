/**
 * Which trading day each daily job acts on at an instant. The server derives it from the
 * clock, never from a request body; a delivery that arrives late still finds its day, and
 * one that finds nothing to do says so.
 */
import type { Database } from "@/db/client";
import {
  addDays,
  formatKst,
  gameDayAt,
  isTradingDay,
  KST,
  lastSettleableTradingDayAt,
  nextTradingDay,
  sessionCutoffAt,
  sessionOpenAt,
  settlementDueAt,
  tradingDayAt,
  zonedInstant,
  type DayString,
} from "@/lib/calendar";
import { openSessionsPastCutoff } from "@/lib/sessions/status";
import { daysAwaitingSettlement } from "@/lib/settlement/needs";

/** Deliveries may arrive a little early (clock skew); jobs that may safely run early accept this. */
export const EARLY_TOLERANCE_MS = 2 * 60_000;
/** How far back catch-up looks for days left open or unsettled. */
export const CATCH_UP_DAYS = 10;

export const UNIVERSE_SELECTION_KST = "05:30";
export const INTEGRITY_CHECK_KST = "07:00";
/** Daily retention run, in the quiet hour before the next session's preparations. */
export const PRUNE_KST = "04:00";

/** The trading day whose universe the 05:30 KST job prepares, once due. */
export function universeSelectionDayAt(now: Date): DayString | null {
  const day = nextTradingDay(gameDayAt(now));
  const dueAt = zonedInstant(day, UNIVERSE_SELECTION_KST, KST).getTime() - EARLY_TOLERANCE_MS;
  return now.getTime() >= dueAt ? day : null;
}

/** The trading day whose session should be open now (from 06:00 KST, until its cutoff). */
export function openSessionDayAt(now: Date): DayString | null {
  const day = tradingDayAt(new Date(now.getTime() + EARLY_TOLERANCE_MS));
  if (!day) return null;
  return now.getTime() >= sessionOpenAt(day).getTime() - EARLY_TOLERANCE_MS && now < sessionCutoffAt(day)
    ? day
    : null;
}

/** The trading day whose session is past its cutoff at `now` (closing is never early). */
export function closeSessionDayAt(now: Date): DayString | null {
  const day = tradingDayAt(now);
  return day && now >= sessionCutoffAt(day) ? day : null;
}

/** The KST date the daily integrity check is for, once 07:00 KST has passed. */
export function integrityCheckDayAt(now: Date): DayString | null {
  const day = formatKst(now, "yyyy-MM-dd");
  return now.getTime() >= zonedInstant(day, INTEGRITY_CHECK_KST, KST).getTime() - EARLY_TOLERANCE_MS
    ? day
    : null;
}

/** The KST day whose prune run is due at `now` (from 04:00 KST). */
export function pruneDayAt(now: Date): DayString | null {
  const day = formatKst(now, "yyyy-MM-dd");
  return now.getTime() >= zonedInstant(day, PRUNE_KST, KST).getTime() - EARLY_TOLERANCE_MS ? day : null;
}

/** Sessions past their cutoff whose stored phase is still OPEN (missed close jobs). */
export async function sessionsToClose(db: Database, now: Date): Promise<DayString[]> {
  const from = addDays(gameDayAt(now), -CATCH_UP_DAYS);
  const days = new Set(await openSessionsPastCutoff(db, { from, now }));
  const today = closeSessionDayAt(now);
  if (today) days.add(today);
  return [...days].sort();
}

/**
 * Trading days due for the EOD step at `now`: final (20 minutes after the close), within the
 * catch-up window, and not finished — a session that is not SETTLED, or calls still PENDING.
 * The latest final day is always included once it was played (a session row or calls), so a
 * duplicate delivery meets that day's recorded run and gets its answer. A day nobody opened
 * and nobody played is left alone.
 */
export async function daysToSettle(db: Database, now: Date): Promise<DayString[]> {
  const latest = lastSettleableTradingDayAt(now);
  const from = addDays(latest, -CATCH_UP_DAYS);
  return (await daysAwaitingSettlement(db, { from, to: latest }))
    .filter((d) => isTradingDay(d) && settlementDueAt(d).getTime() <= now.getTime())
    .sort();
}
