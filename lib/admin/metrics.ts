import "server-only";
/**
 * The morning numbers: per trading day, how the game is doing. Every figure comes from an
 * aggregate over an index range (predictions by trading day; ledger, users, redemptions and ads
 * by time), never from a scan of a table's whole history. Activity with a timestamp belongs to
 * the trading day whose game day (06:00 KST) it falls in; what happens on a weekend or holiday
 * counts for the trading day before it (Friday's settlement, paid Saturday morning KST, is
 * Friday's).
 */
import { and, gte, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Database } from "@/db/client";
import { metricsDays } from "@/db/schema";
import {
  gameDayAt,
  gameDayStartAt,
  isCoveredDay,
  isTradingDay,
  nextTradingDay,
  previousTradingDay,
  tradingDaysBetween,
  type DayString,
} from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { LEDGER_REASONS } from "@/lib/points/constants";

export const CALL_STATUSES = ["PENDING", "CORRECT", "INCORRECT", "VOID", "CANCELLED"] as const;
export const REDEMPTION_STATUSES = ["PENDING", "ISSUED", "FAILED", "CANCELLED"] as const;
/** The longest range one request may ask for (trading days). */
export const METRICS_MAX_DAYS = 366;
export const METRICS_DEFAULT_DAYS = 30;

type CallStatus = (typeof CALL_STATUSES)[number];
type Reason = (typeof LEDGER_REASONS)[number];
type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export type DayMetrics = {
  tradingDay: DayString;
  /** Accounts that exist at the end of the day (cumulative). */
  registeredPlayers: number;
  newPlayers: number;
  /** Players with at least one call of the day that was not cancelled. */
  playersWithCall: number;
  calls: Record<CallStatus, number>;
  /** Calls not cancelled, per player with a call; null without players. */
  callsPerActivePlayer: number | null;
  /** Correct / (correct + incorrect) of the day's calls; null before any is settled. */
  crowdAccuracy: number | null;
  /** Points credited that day, by ledger reason (positive entries). */
  pointsIssued: Record<Reason, number>;
  pointsIssuedTotal: number;
  /** Points debited that day (redemptions and negative adjustments). */
  pointsSpent: number;
  /** Sum of every balance at the end of the day. */
  pointsOutstanding: number;
  /** Redemptions requested that day, by their status now. */
  redemptions: Record<RedemptionStatus, number>;
  adsCompleted: number;
};

export type Metrics = { from: DayString; to: DayString; days: DayMetrics[] };

const day = z.iso.date("A date YYYY-MM-DD").refine(isCoveredDay, "A date the trading calendar covers");
export const metricsQuerySchema = z.object({ from: day.optional(), to: day.optional() }).strict();

/** The default range: the last 30 trading days up to the current (or last) trading day. */
export function metricsRange(now: Date, input: { from?: string; to?: string } = {}) {
  const today = gameDayAt(now);
  const to = (input.to as DayString | undefined) ?? (isTradingDay(today) ? today : previousTradingDay(today));
  let from = input.from as DayString | undefined;
  if (!from) {
    from = to;
    for (let i = 1; i < METRICS_DEFAULT_DAYS; i++) from = previousTradingDay(from);
  }
  if (from > to) throw new AppError("unprocessable:metrics_range", "`from` must not be after `to`.");
  const days = tradingDaysBetween(from, to);
  if (days.length > METRICS_MAX_DAYS) {
    throw new AppError("unprocessable:metrics_range", `At most ${METRICS_MAX_DAYS} trading days at once.`);
  }
  return { from, to, days };
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The trading day a game date belongs to: itself, or the last trading day before it. */
function bucketOf(date: DayString): DayString {
  return isTradingDay(date) ? date : previousTradingDay(date);
}

/**
 * The numbers of `range`. A day whose figures can no longer change — its game days are over
 * (`now` is past the start of the next trading day's) and none of its calls is pending — is
 * kept in `metrics_days` the first time it is read, and read from there afterwards; the
 * aggregates run only over the days from the first one not kept to the end of the range.
 * Redemptions (their status changes after their day) and balances are always read live.
 */
export async function loadMetrics(
  db: Database,
  range: { from: DayString; to: DayString },
  now: Date,
): Promise<Metrics> {
  const days = tradingDaysBetween(range.from, range.to);
  if (days.length === 0) return { from: range.from, to: range.to, days: [] };
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const start = gameDayStartAt(first);
  // The window ends where the next trading day's game day starts (weekends fold into Friday).
  const end = gameDayStartAt(nextTradingDay(last));
  const [s, e] = [start.toISOString(), end.toISOString()];
  const gameDate = (col: string) =>
    sql.raw(`to_char((${col} at time zone 'Asia/Seoul') - interval '6 hours', 'YYYY-MM-DD')`);

  const keptRows = await db
    .select()
    .from(metricsDays)
    .where(and(gte(metricsDays.tradingDay, first), lte(metricsDays.tradingDay, last)));
  const kept = new Map(keptRows.map((r) => [r.tradingDay as DayString, r]));
  // The live part: from the first day not kept to the end of the range (usually the last day or two).
  const firstLive = days.findIndex((d) => !kept.has(d));
  const live = firstLive < 0 ? [] : days.slice(firstLive);
  const liveFirst = live[0] ?? last;
  const ls = live.length ? gameDayStartAt(liveFirst).toISOString() : e;
  const none = Promise.resolve([]);

  // Independent reads, sent together: on PostgreSQL each runs on its own pooled connection
  // (the dashboard waits for the slowest, not the sum); PGlite runs them in turn.
  const [calls, players, [earlier], signups, ledger, [totals], redemptionRows, ads] = await Promise.all([
    live.length
      ? db
          .execute(
            sql`select trading_day::text as d, status::text as status, count(*)::int as n
      from predictions where trading_day between ${liveFirst} and ${last} group by 1, 2`,
          )
          .then(rowsOf<{ d: string; status: CallStatus; n: number }>)
      : none,
    // Distinct pairs straight off predictions_day_player_idx (ordered), then counted: no sort.
    live.length
      ? db
          .execute(
            sql`select d::text as d, count(*)::int as n from (
        select distinct trading_day as d, user_id from predictions
        where trading_day between ${liveFirst} and ${last} and status <> 'CANCELLED') x group by 1`,
          )
          .then(rowsOf<{ d: string; n: number }>)
      : none,
    db
      .execute(sql`select count(*)::int as n from users where created_at < ${s}::timestamptz`)
      .then(rowsOf<{ n: number }>),
    db
      .execute(
        sql`select ${gameDate("created_at")} as d, count(*)::int as n
      from users where created_at >= ${ls}::timestamptz and created_at < ${e}::timestamptz group by 1`,
      )
      .then(rowsOf<{ d: string; n: number }>),
    db
      .execute(
        sql`select ${gameDate("created_at")} as d, reason::text as reason,
        coalesce(sum(amount) filter (where amount > 0), 0)::bigint as credit,
        coalesce(-sum(amount) filter (where amount < 0), 0)::bigint as debit
      from points_ledger where created_at >= ${ls}::timestamptz and created_at < ${e}::timestamptz group by 1, 2`,
      )
      .then(rowsOf<{ d: string; reason: Reason; credit: number; debit: number }>),
    // Balances at the end of the range: today's total less what moved after it (a short tail).
    db
      .execute(
        sql`select
        (select coalesce(sum(balance), 0)::bigint from points_balances) as now,
        (select coalesce(sum(amount), 0)::bigint from points_ledger where created_at >= ${e}::timestamptz) as after`,
      )
      .then(rowsOf<{ now: number; after: number }>),
    db
      .execute(
        sql`select ${gameDate("created_at")} as d, status::text as status, count(*)::int as n
      from redemptions where status in ('PENDING', 'ISSUED', 'FAILED', 'CANCELLED')
        and created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz group by 1, 2`,
      )
      .then(rowsOf<{ d: string; status: RedemptionStatus; n: number }>),
    // An ad belongs to the trading day it was watched for; started_at bounds the index range.
    live.length
      ? db
          .execute(
            sql`select trading_day::text as d, count(*)::int as n from ad_views
      where status = 'COMPLETED' and trading_day between ${liveFirst} and ${last}
        and started_at >= ${new Date(Date.parse(ls) - 86_400_000).toISOString()}::timestamptz
        and started_at < ${e}::timestamptz
      group by 1`,
          )
          .then(rowsOf<{ d: string; n: number }>)
      : none,
  ]);

  const out = new Map<DayString, DayMetrics>(
    days.map((d) => [
      d,
      {
        tradingDay: d,
        registeredPlayers: 0,
        newPlayers: 0,
        playersWithCall: 0,
        calls: zeros(CALL_STATUSES),
        callsPerActivePlayer: null,
        crowdAccuracy: null,
        pointsIssued: zeros(LEDGER_REASONS),
        pointsIssuedTotal: 0,
        pointsSpent: 0,
        pointsOutstanding: 0,
        redemptions: zeros(REDEMPTION_STATUSES),
        adsCompleted: 0,
      },
    ]),
  );
  for (const [d, k] of kept) {
    const m = out.get(d);
    if (!m || live.includes(d)) continue;
    m.calls = { ...m.calls, ...k.calls };
    m.playersWithCall = k.playersWithCall;
    m.newPlayers = k.newPlayers;
    m.pointsIssued = { ...m.pointsIssued, ...k.pointsIssued };
    m.pointsIssuedTotal = Object.values(k.pointsIssued).reduce((a, b) => a + b, 0);
    m.pointsSpent = k.pointsSpent;
    m.adsCompleted = k.adsCompleted;
  }
  const at = (d: string) => out.get(bucketOf(d as DayString));
  for (const r of calls) {
    const m = out.get(r.d);
    if (m) m.calls[r.status] += Number(r.n);
  }
  for (const r of players) {
    const m = out.get(r.d);
    if (m) m.playersWithCall = Number(r.n);
  }
  const before = Number(earlier?.n ?? 0);
  for (const r of signups) at(r.d)!.newPlayers += Number(r.n);
  for (const r of ledger) {
    const m = at(r.d)!;
    m.pointsIssued[r.reason] += Number(r.credit);
    m.pointsIssuedTotal += Number(r.credit);
    m.pointsSpent += Number(r.debit);
  }
  for (const r of redemptionRows) at(r.d)!.redemptions[r.status] += Number(r.n);
  for (const r of ads) {
    const m = out.get(r.d);
    if (m) m.adsCompleted += Number(r.n);
  }
  await keepFinalDays(db, live, out, now);

  let registered = before;
  for (const m of out.values()) {
    registered += m.newPlayers;
    m.registeredPlayers = registered;
    const made = m.calls.PENDING + m.calls.CORRECT + m.calls.INCORRECT + m.calls.VOID;
    m.callsPerActivePlayer = m.playersWithCall ? round2(made / m.playersWithCall) : null;
    const decided = m.calls.CORRECT + m.calls.INCORRECT;
    m.crowdAccuracy = decided ? round4(m.calls.CORRECT / decided) : null;
  }
  // Outstanding at the end of each day, walking back from the end of the range.
  let outstanding = Number(totals?.now ?? 0) - Number(totals?.after ?? 0);
  for (const m of [...out.values()].reverse()) {
    m.pointsOutstanding = outstanding;
    outstanding -= m.pointsIssuedTotal - m.pointsSpent;
  }
  return { from: range.from, to: range.to, days: [...out.values()] };
}

/**
 * How long after a day's window closes its figures are taken as final: a transaction that
 * stamped a row inside the window may still be committing when it closes (statements and
 * transactions are bounded in seconds; an hour leaves no doubt).
 */
export const METRICS_FINAL_AFTER_MS = 3_600_000;

/** Keeps the live days whose figures can no longer change: their window is over, no call pending. */
async function keepFinalDays(db: Database, live: DayString[], out: Map<DayString, DayMetrics>, now: Date) {
  const rows = live
    .map((d) => out.get(d)!)
    .filter(
      (m) =>
        m.calls.PENDING === 0 &&
        now.getTime() >= gameDayStartAt(nextTradingDay(m.tradingDay)).getTime() + METRICS_FINAL_AFTER_MS,
    )
    .map((m) => ({
      tradingDay: m.tradingDay,
      calls: m.calls,
      playersWithCall: m.playersWithCall,
      newPlayers: m.newPlayers,
      pointsIssued: m.pointsIssued,
      pointsSpent: m.pointsSpent,
      adsCompleted: m.adsCompleted,
      keptAt: now,
    }));
  if (rows.length) await db.insert(metricsDays).values(rows).onConflictDoNothing();
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
