import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { tradingSessions } from "@/db/schema";
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
