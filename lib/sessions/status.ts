import { and, between, eq, gte, lte, ne, or, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { tradingSessions } from "@/db/schema";
import { systemClock } from "@/lib/clock";
import { processSingleton } from "@/lib/process-singleton";
import { isoKst } from "@/lib/time-format";
import { marketStateAt, sessionWindowAt, type HolidayName, type MarketState } from "@/lib/calendar";

export type SessionPhase = "OPEN" | "CLOSED" | "SETTLING" | "SETTLED";
export const PHASE_ORDER: readonly SessionPhase[] = ["OPEN", "CLOSED", "SETTLING", "SETTLED"];

export type SessionStatus = {
  now: Date;
  gameDay: string;
  /** The trading day the current game day belongs to; null on weekends and holidays. */
  tradingDay: string | null;
  phase: SessionPhase;
  /** Why there is no session today, when there is none. */
  closedReason: "weekend" | "holiday" | null;
  holiday: HolidayName | null;
  opensAt: Date | null;
  closesAt: Date | null;
  nextOpenAt: Date;
  nextTradingDay: string;
  marketState: MarketState;
  acceptingPredictions: boolean;
};

/** The later of two phases: stored phases only move forward, the clock can move them on. */
export function laterPhase(a: SessionPhase, b: SessionPhase): SessionPhase {
  return PHASE_ORDER.indexOf(a) >= PHASE_ORDER.indexOf(b) ? a : b;
}

/**
 * What players see at `now`: the calendar decides whether there is a session and whether it
 * is still before the cutoff; the stored row can only move the phase further (settling, settled).
 */
export function deriveSessionStatus(now: Date, stored: SessionPhase | null): SessionStatus {
  const w = sessionWindowAt(now);
  const clockPhase: SessionPhase = w.isOpen ? "OPEN" : "CLOSED";
  const phase = w.tradingDay && stored ? laterPhase(clockPhase, stored) : clockPhase;
  return {
    now,
    gameDay: w.gameDay,
    tradingDay: w.tradingDay,
    phase,
    closedReason: w.tradingDay ? null : w.holiday ? "holiday" : "weekend",
    holiday: w.holiday,
    opensAt: w.opensAt,
    closesAt: w.closesAt,
    nextOpenAt: w.nextOpenAt,
    nextTradingDay: w.nextTradingDay,
    marketState: marketStateAt(now),
    acceptingPredictions: w.isOpen && phase === "OPEN",
  };
}

/**
 * Stored phases per database and trading day, kept in this process for PHASE_CACHE_MS. Only
 * a hot path's first look uses them (the submit of a call): the clock still decides the
 * cutoff on every request (`deriveSessionStatus`), a refusal is confirmed from the database
 * (`getSessionStatus`), and the call's own transaction reads the stored phase again, so a
 * phase moved on by another instance never lets a call through. The transitions of this
 * process forget the day at once (`forgetStoredPhase`).
 */
const PHASE_CACHE_MS = 5_000;
type CachedPhase = { phase: SessionPhase | null; until: number; epoch: number };
const phaseCache = () =>
  processSingleton("session-phases", () => ({
    byDb: new WeakMap<Database, Map<string, CachedPhase>>(),
    /** Bumped per day by this process's transitions: older entries of that day are void. */
    epochs: new Map<string, number>(),
  }));

export async function cachedSessionStatus(db: Database, now: Date): Promise<SessionStatus> {
  const day = sessionWindowAt(now).tradingDay;
  if (!day) return deriveSessionStatus(now, null);
  const cache = phaseCache();
  let days = cache.byDb.get(db);
  if (!days) cache.byDb.set(db, (days = new Map()));
  const epoch = cache.epochs.get(day) ?? 0;
  const hit = days.get(day);
  const t = systemClock.now().getTime();
  if (hit && hit.until > t && hit.epoch === epoch) return deriveSessionStatus(now, hit.phase);
  const phase = await storedPhase(db, day);
  if (days.size > 16) days.clear();
  days.set(day, { phase, until: t + PHASE_CACHE_MS, epoch });
  return deriveSessionStatus(now, phase);
}

/** A transition of `tradingDay` in this process: its cached phase is dropped (for every database). */
export function forgetStoredPhase(tradingDay: string): void {
  const epochs = phaseCache().epochs;
  if (epochs.size > 64) epochs.clear();
  epochs.set(tradingDay, (epochs.get(tradingDay) ?? 0) + 1);
}

export async function getSessionStatus(db: Database, now: Date): Promise<SessionStatus> {
  const gameDayRow = sessionWindowAt(now).tradingDay;
  let stored: SessionPhase | null = null;
  if (gameDayRow) {
    const [row] = await db
      .select({ phase: tradingSessions.phase })
      .from(tradingSessions)
      .where(eq(tradingSessions.tradingDay, gameDayRow))
      .limit(1);
    stored = row?.phase ?? null;
  }
  return deriveSessionStatus(now, stored);
}

/** The JSON shape of `GET /api/session/today` (ISO instants with a +09:00 offset). */
export type SessionStatusJson = ReturnType<typeof sessionStatusJson>;

export function sessionStatusJson(s: SessionStatus, toIso: (d: Date) => string = isoKst) {
  return {
    tradingDay: s.tradingDay,
    gameDay: s.gameDay,
    phase: s.phase,
    closedReason: s.closedReason,
    holiday: s.holiday,
    opensAt: s.opensAt ? toIso(s.opensAt) : null,
    closesAt: s.closesAt ? toIso(s.closesAt) : null,
    nextOpenAt: toIso(s.nextOpenAt),
    nextTradingDay: s.nextTradingDay,
    marketState: s.marketState,
    acceptingPredictions: s.acceptingPredictions,
    serverTime: toIso(s.now),
  };
}

/** The stored phase of a day's session, or null when it has no session row. */
export async function storedPhase(db: Database, tradingDay: string): Promise<SessionPhase | null> {
  const [row] = await db
    .select({ phase: tradingSessions.phase })
    .from(tradingSessions)
    .where(eq(tradingSessions.tradingDay, tradingDay));
  return row?.phase ?? null;
}

/** Sessions from `from` on, past their cutoff at `now`, whose stored phase is still OPEN (missed closes). */
export async function openSessionsPastCutoff(
  db: Database,
  input: { from: string; now: Date },
): Promise<string[]> {
  return sessionDaysWhere(
    db,
    and(
      eq(tradingSessions.phase, "OPEN"),
      gte(tradingSessions.tradingDay, input.from),
      lte(tradingSessions.closesAt, input.now),
    ),
  );
}

/** Days in [from, to] whose session is not SETTLED yet, plus `to` itself when it has a session. */
export async function sessionsNotSettled(
  db: Database,
  input: { from: string; to: string },
): Promise<string[]> {
  return sessionDaysWhere(
    db,
    and(
      between(tradingSessions.tradingDay, input.from, input.to),
      or(ne(tradingSessions.phase, "SETTLED"), eq(tradingSessions.tradingDay, input.to)),
    ),
  );
}

/** The trading days of the sessions matching `where`, oldest first. */
async function sessionDaysWhere(db: Database, where: SQL | undefined): Promise<string[]> {
  const rows = await db
    .select({ day: tradingSessions.tradingDay })
    .from(tradingSessions)
    .where(where)
    .orderBy(tradingSessions.tradingDay);
  return rows.map((r) => r.day);
}
