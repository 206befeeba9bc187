/**
 * Streaks (SPEC §13, docs/rules.md §14) as pure functions of the trading days a player played.
 * A day is played when at least one of the player's calls for it was settled (VOID counts; a
 * day of cancelled calls only does not). Only NYSE trading days exist here: weekends and
 * holidays are not days of the streak, so they never break it; early-close days are trading days.
 *
 * Freezes: one is earned each time the streak reaches a multiple of 7 (at most 2 held). A
 * missed trading day uses one automatically and the streak carries on (without growing); a missed
 * day with no freeze left ends it. Client-safe (no server imports).
 */
import { addDays, type DayString } from "@/lib/calendar/day-string";
import { tradingDaysBetween } from "@/lib/calendar/trading-days";

export const STREAK_MILESTONES = [7, 30, 100, 365] as const;
export const FREEZE_EVERY = 7;
export const MAX_FREEZES = 2;

/** The streak right after `lastDay`, the last trading day the player played. */
export type StreakState = { current: number; best: number; freezes: number; lastDay: DayString };

export type PlayStep = {
  state: StreakState;
  /** Missed trading days between the previous play and this one that a freeze covered. */
  frozen: DayString[];
  /** Missed trading days that ended the previous streak (empty when it carried on). */
  missed: DayString[];
  earnedFreeze: boolean;
  /** A milestone the streak reached on this day, if any. */
  milestone: number | null;
};

/** Trading days strictly after `from` and up to `to` (inclusive). */
function tradingDaysAfter(from: DayString, to: DayString): DayString[] {
  return from >= to ? [] : tradingDaysBetween(addDays(from, 1), to);
}

/** The state after playing `day`, given the state after the previous played day (null: the first day). */
export function playDay(prev: StreakState | null, day: DayString): PlayStep {
  let current = 1;
  let freezes = 0;
  let frozen: DayString[] = [];
  let missed: DayString[] = [];
  if (prev) {
    const gap = tradingDaysAfter(prev.lastDay, addDays(day, -1));
    if (gap.length <= prev.freezes) {
      current = prev.current + 1;
      freezes = prev.freezes - gap.length;
      frozen = gap;
    } else {
      // The freezes covered the first missed days; the next one ended the streak.
      frozen = gap.slice(0, prev.freezes);
      missed = gap.slice(prev.freezes);
    }
  }
  const earnedFreeze = current % FREEZE_EVERY === 0 && freezes < MAX_FREEZES;
  if (earnedFreeze) freezes += 1;
  const milestone = (STREAK_MILESTONES as readonly number[]).includes(current) ? current : null;
  return {
    state: { current, best: Math.max(prev?.best ?? 0, current), freezes, lastDay: day },
    frozen,
    missed,
    earnedFreeze,
    milestone,
  };
}

export type StreakNow = {
  /** 0 once a missed day found no freeze. */
  current: number;
  best: number;
  freezes: number;
  /** Missed days since the last play that used a freeze. */
  frozen: DayString[];
  lastDay: DayString | null;
};

/**
 * The streak as it stands once every trading day up to `through` (the latest day whose results
 * are recorded) has been judged: missed days after the last play use freezes or end the streak.
 */
export function streakAsOf(state: StreakState | null, through: DayString | null): StreakNow {
  if (!state) return { current: 0, best: 0, freezes: 0, frozen: [], lastDay: null };
  const gap = through ? tradingDaysAfter(state.lastDay, through) : [];
  if (gap.length <= state.freezes)
    return {
      current: state.current,
      best: state.best,
      freezes: state.freezes - gap.length,
      frozen: gap,
      lastDay: state.lastDay,
    };
  return {
    current: 0,
    best: state.best,
    freezes: 0,
    frozen: gap.slice(0, state.freezes),
    lastDay: state.lastDay,
  };
}

export type StreakDay = {
  day: DayString;
  kind: "played" | "frozen" | "missed";
  /** The streak at the end of that day. */
  streak: number;
  freezes: number;
  milestone: number | null;
};

/** Every trading day from the first play through `through`, with what happened to the streak. */
export function streakHistory(played: readonly DayString[], through: DayString | null): StreakDay[] {
  const days = [...new Set(played)].sort();
  const out: StreakDay[] = [];
  let state: StreakState | null = null;
  for (const day of days) {
    const step = playDay(state, day);
    let freezes = state?.freezes ?? 0;
    for (const f of step.frozen)
      out.push({ day: f, kind: "frozen", streak: state!.current, freezes: --freezes, milestone: null });
    for (const m of step.missed) out.push({ day: m, kind: "missed", streak: 0, freezes: 0, milestone: null });
    state = step.state;
    out.push({
      day,
      kind: "played",
      streak: state.current,
      freezes: state.freezes,
      milestone: step.milestone,
    });
  }
  if (state && through) {
    const now = streakAsOf(state, through);
    let freezes = state.freezes;
    for (const f of now.frozen)
      out.push({ day: f, kind: "frozen", streak: state.current, freezes: --freezes, milestone: null });
    for (const m of tradingDaysAfter(state.lastDay, through).slice(now.frozen.length)) {
      out.push({ day: m, kind: "missed", streak: 0, freezes: 0, milestone: null });
    }
  }
  return out;
}

/** Fold a whole history: the state after the last played day (null when none). */
export function streakFromDays(played: readonly DayString[]): StreakState | null {
  let state: StreakState | null = null;
  for (const day of [...new Set(played)].sort()) state = playDay(state, day).state;
  return state;
}
