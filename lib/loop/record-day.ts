import "server-only";
/**
 * The daily loop's one writer of `player_stats`, `player_streaks`, `streak_badges` and
 * `loop_days` (docs/architecture.md). Settlement calls `recordDayResults(tx, …)` once a day has
 * no call left PENDING, in a transaction of its own:
 *
 * 1. The day's per-player aggregates are recomputed from the day's settled calls in one
 *    statement (into a scratch table); the difference to what was recorded before is applied to
 *    the player's week, month and all-time rows, in bounded statements of 5,000 players. Re-settling a day (or two runs at once: a transaction-scoped
 *    advisory lock queues them) finds a difference of zero and changes nothing.
 * 2. Each player of the day has their streak moved on (lib/loop/streak.ts); a player whose
 *    recorded streak is already past this day (days settled out of order) is folded again
 *    from their whole history. Milestones earn a badge once, and the optional STREAK_BONUS
 *    goes through the ledger with ref `streak:{user}:{milestone}`.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/client";
import type { DayString } from "@/lib/calendar";
import { env } from "@/lib/env";
import { refIds } from "@/lib/points/constants";
import { postEntries } from "@/lib/points/ledger";
import { ALL_TIME_START, monthStartOf, weekStartOf } from "./periods";
import { playDay, type StreakState } from "./streak";

/** Players written per statement: each statement stays well inside the database timeouts. */
const WRITE_CHUNK = 5_000;

/** Key of the transaction-scoped advisory lock that queues recordings ("loop"). */
const RECORD_LOCK = 0x6c6f6f70;

export type RecordDayResult = {
  tradingDay: DayString;
  players: number;
  /** Players whose day aggregate changed (0 on a re-run). */
  changed: number;
  streaksMoved: number;
  badges: number;
  bonusPoints: number;
};

const COUNTS = ["settled", "correct", "incorrect", "void", "points", "always_o", "crowd_correct"] as const;

export async function recordDayResults(
  tx: Tx,
  input: { tradingDay: DayString; now: Date; streakBonusPoints?: number },
): Promise<RecordDayResult> {
  const { tradingDay: day, now } = input;
  await tx.execute(sql`select pg_advisory_xact_lock(${RECORD_LOCK}::int, 0)`);
  // A background step of settlement: its statements may take longer than a request's.
  await tx.execute(sql`set local statement_timeout = '60s'`);
  const stamp = now.toISOString();
  const list = (f: (c: string) => string) => sql.raw(COUNTS.map(f).join(", "));

  // 1. The day recomputed from its settled calls, with the difference to what was recorded, in a
  //    scratch table (dropped at commit): one scan of the day's calls.
  await tx.execute(sql`
    create temp table loop_day_delta on commit drop as
    with settled as (
      select user_id, symbol, choice, status, points_awarded from predictions
      where trading_day = ${day} and status in ('CORRECT', 'INCORRECT', 'VOID')
    ), crowd as (
      select symbol, sum(case when choice = 'UP' then 1 else -1 end) as lean from settled group by symbol
    ), fresh as (
      select s.user_id,
        count(*)::int as settled,
        count(*) filter (where s.status = 'CORRECT')::int as correct,
        count(*) filter (where s.status = 'INCORRECT')::int as incorrect,
        count(*) filter (where s.status = 'VOID')::int as void,
        coalesce(sum(s.points_awarded), 0)::int as points,
        count(*) filter (where s.status <> 'VOID' and (s.choice = 'UP') = (s.status = 'CORRECT'))::int as always_o,
        count(*) filter (where s.status <> 'VOID' and c.lean <> 0
          and (c.lean > 0) = ((s.choice = 'UP') = (s.status = 'CORRECT')))::int as crowd_correct
      from settled s join crowd c on c.symbol = s.symbol
      group by s.user_id
    ), old as (
      select user_id, ${list((c) => c)} from player_stats where period = 'day' and period_start = ${day}
    )
    select coalesce(f.user_id, o.user_id) as user_id, f.user_id is not null as played,
      ${list((c) => `coalesce(f.${c}, 0) as new_${c}`)},
      ${list((c) => `coalesce(f.${c}, 0) - coalesce(o.${c}, 0) as ${c}`)}
    from fresh f full join old o on o.user_id = f.user_id`);
  const [agg] = rowsOf<{ players: number; changed: number; gone: number }>(
    await tx.execute(sql`
      select (count(*) filter (where played))::int as players, (count(*) filter (where not played))::int as gone,
        (count(*) filter (where ${sql.raw(COUNTS.map((c) => `${c} <> 0`).join(" or "))} or not played))::int as changed
      from loop_day_delta`),
  );
  await tx.execute(sql`
    delete from loop_day_delta where ${sql.raw(COUNTS.map((c) => `${c} = 0`).join(" and "))} and played`);
  // 2. Only the players whose day changed (none on a re-run), in bounded statements by user id.
  const changedIds = rowsOf<{ user_id: string }>(
    await tx.execute(sql`select user_id::text as user_id from loop_day_delta order by user_id`),
  ).map((r) => r.user_id);
  for (let i = 0; i < changedIds.length; i += WRITE_CHUNK) {
    const from = changedIds[i]!;
    const to = changedIds[Math.min(i + WRITE_CHUNK, changedIds.length) - 1]!;
    const chunk = sql`d.user_id between ${from}::uuid and ${to}::uuid`;
    if (Number(agg?.gone ?? 0) > 0)
      await tx.execute(sql`
        delete from player_stats where period = 'day' and period_start = ${day}
          and user_id in (select d.user_id from loop_day_delta d where ${chunk} and not d.played)`);
    await tx.execute(sql`
      insert into player_stats (period, period_start, user_id, ${list((c) => c)}, hidden, updated_at)
      select 'day', ${day}::date, d.user_id, ${list((c) => `d.new_${c}`)}, coalesce(ls.hide_from_boards, false), ${stamp}::timestamptz
      from loop_day_delta d left join loop_settings ls on ls.user_id = d.user_id
      where ${chunk} and d.played
      order by d.user_id
      on conflict (period, period_start, user_id) do update set
        ${list((c) => `${c} = excluded.${c}`)}, updated_at = excluded.updated_at`);
    await tx.execute(sql`
      insert into player_stats (period, period_start, user_id, ${list((c) => c)}, hidden, updated_at)
      select k.period, k.start, d.user_id, ${list((c) => `d.${c}`)}, coalesce(ls.hide_from_boards, false), ${stamp}::timestamptz
      from loop_day_delta d
      cross join (values ('week', ${weekStartOf(day)}::date), ('month', ${monthStartOf(day)}::date),
        ('all', ${ALL_TIME_START}::date)) k(period, start)
      left join loop_settings ls on ls.user_id = d.user_id
      where ${chunk}
      order by d.user_id, k.period
      on conflict (period, period_start, user_id) do update set
        ${list((c) => `${c} = player_stats.${c} + excluded.${c}`)}, updated_at = excluded.updated_at`);
  }
  const players = Number(agg?.players ?? 0);

  await tx.execute(sql`
    insert into loop_days (trading_day, players, recorded_at) values (${day}, ${players}, ${stamp}::timestamptz)
    on conflict (trading_day) do update set players = excluded.players,
      revision = loop_days.revision + ${Number(agg?.changed ?? 0) > 0 ? 1 : 0}::int`);

  const streaks = await moveStreaks(tx, day, now);
  const bonus = input.streakBonusPoints ?? env().STREAK_BONUS_POINTS;
  const awarded = await awardMilestones(tx, streaks.milestones, bonus, now);
  return {
    tradingDay: day,
    players,
    changed: Number(agg?.changed ?? 0),
    streaksMoved: streaks.moved,
    badges: awarded.badges,
    bonusPoints: awarded.points,
  };
}

type StreakRow = {
  user_id: string;
  current: number | null;
  best: number | null;
  freezes: number | null;
  last_day: string | null;
};
type Milestone = { userId: string; milestone: number; day: DayString };

async function moveStreaks(tx: Tx, day: DayString, now: Date) {
  const rows = rowsOf<StreakRow>(
    await tx.execute(sql`
      select d.user_id::text as user_id, s.current, s.best, s.freezes, s.last_day::text as last_day
      from player_stats d left join player_streaks s on s.user_id = d.user_id
      where d.period = 'day' and d.period_start = ${day}
      order by d.user_id`),
  );
  const next: (StreakState & { userId: string })[] = [];
  const milestones: Milestone[] = [];
  const refold: string[] = [];
  for (const r of rows) {
    if (r.last_day === null) {
      const step = playDay(null, day);
      next.push({ userId: r.user_id, ...step.state });
    } else if (r.last_day < day) {
      const prev = { current: r.current!, best: r.best!, freezes: r.freezes!, lastDay: r.last_day };
      const step = playDay(prev, day);
      next.push({ userId: r.user_id, ...step.state });
      if (step.milestone) milestones.push({ userId: r.user_id, milestone: step.milestone, day });
    } else if (r.last_day > day) {
      refold.push(r.user_id);
    }
  }
  if (refold.length > 0) {
    const history = rowsOf<{ user_id: string; day: string }>(
      await tx.execute(sql`
        select user_id::text as user_id, period_start::text as day from player_stats
        where period = 'day' and user_id = any(${`{${refold.join(",")}}`}::uuid[])
        order by user_id, period_start`),
    );
    const byUser = new Map<string, string[]>();
    for (const h of history) byUser.set(h.user_id, [...(byUser.get(h.user_id) ?? []), h.day]);
    for (const [userId, days] of byUser) {
      let state: StreakState | null = null;
      for (const d of days) {
        const step = playDay(state, d);
        state = step.state;
        if (step.milestone) milestones.push({ userId, milestone: step.milestone, day: d });
      }
      if (state) next.push({ userId, ...state });
    }
  }
  if (next.length > 0) {
    await tx.execute(sql`
      insert into player_streaks (user_id, current, best, freezes, last_day, updated_at)
      select r.user_id, r.current, r.best, r.freezes, r.last_day, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(
        next.map((s) => ({
          user_id: s.userId,
          current: s.current,
          best: s.best,
          freezes: s.freezes,
          last_day: s.lastDay,
        })),
      )}::jsonb) as r(user_id uuid, current int, best int, freezes int, last_day date)
      order by r.user_id
      on conflict (user_id) do update set current = excluded.current, best = excluded.best,
        freezes = excluded.freezes, last_day = excluded.last_day, updated_at = excluded.updated_at`);
  }
  return { moved: next.length, milestones };
}

/** Badges for milestones reached (once per player and milestone) and their bonus, if one is configured. */
async function awardMilestones(tx: Tx, milestones: Milestone[], bonus: number, now: Date) {
  if (milestones.length === 0) return { badges: 0, points: 0 };
  const fresh = rowsOf<{ user_id: string; milestone: number }>(
    await tx.execute(sql`
      insert into streak_badges (user_id, milestone, trading_day, earned_at)
      select r.user_id, r.milestone, r.day, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(
        milestones.map((m) => ({ user_id: m.userId, milestone: m.milestone, day: m.day })),
      )}::jsonb) as r(user_id uuid, milestone int, day date)
      order by r.user_id, r.milestone
      on conflict (user_id, milestone) do nothing
      returning user_id::text as user_id, milestone`),
  );
  if (bonus <= 0 || fresh.length === 0) return { badges: fresh.length, points: 0 };
  const paid = await postEntries(
    tx,
    fresh.map((b) => ({
      userId: b.user_id,
      amount: bonus,
      reason: "STREAK_BONUS" as const,
      refId: refIds.streak(b.user_id, Number(b.milestone)),
      memo: `streak ${b.milestone}`,
      now,
    })),
  );
  return { badges: fresh.length, points: paid.filter((p) => p.created).length * bonus };
}

/** The player's "hide me from public boards" setting, copied onto their aggregate rows. */
export async function setHiddenOnBoards(tx: Tx, userId: string, hidden: boolean): Promise<void> {
  await tx.execute(
    sql`update player_stats set hidden = ${hidden} where user_id = ${userId} and hidden <> ${hidden}`,
  );
}
