import "server-only";
/**
 * The morning numbers: per trading day, how the game is doing. Every figure comes from an
 * aggregate over an index range (predictions by trading day; ledger, users, redemptions and ads
 * by time), never from a scan of a table's whole history. Activity with a timestamp belongs to
 * the trading day whose game day (06:00 KST) it falls in; what happens on a weekend or holiday
 * counts for the trading day before it (Friday's settlement, paid Saturday morning KST, is
 * Friday's).
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Database } from "@/db/client";
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

export async function loadMetrics(db: Database, range: { from: DayString; to: DayString }): Promise<Metrics> {
  const days = tradingDaysBetween(range.from, range.to);
  if (days.length === 0) return { from: range.from, to: range.to, days: [] };
  const first = days[0]!;
  const start = gameDayStartAt(first);
  // The window ends where the next trading day's game day starts (weekends fold into Friday).
  const end = gameDayStartAt(nextTradingDay(days[days.length - 1]!));
  const [s, e] = [start.toISOString(), end.toISOString()];
  const gameDate = (col: string) =>
    sql.raw(`to_char((${col} at time zone 'Asia/Seoul') - interval '6 hours', 'YYYY-MM-DD')`);

  // Seven independent reads, sent together: on PostgreSQL each runs on its own pooled
  // connection (the dashboard waits for the slowest, not the sum); PGlite runs them in turn.
  const [calls, players, signups, ledger, [totals], redemptionRows, ads] = await Promise.all([
    db
      .execute(
        sql`select trading_day::text as d, status::text as status, count(*)::int as n
      from predictions where trading_day between ${first} and ${range.to} group by 1, 2`,
      )
      .then(rowsOf<{ d: string; status: CallStatus; n: number }>),
    // Distinct pairs straight off predictions_day_player_idx (ordered), then counted: no sort.
    db
      .execute(
        sql`select d::text as d, count(*)::int as n from (
        select distinct trading_day as d, user_id from predictions
        where trading_day between ${first} and ${range.to} and status <> 'CANCELLED') x group by 1`,
      )
      .then(rowsOf<{ d: string; n: number }>),
    db
      .execute(
        sql`select case when created_at < ${s}::timestamptz then null else ${gameDate("created_at")} end as d,
        count(*)::int as n
      from users where created_at < ${e}::timestamptz group by 1`,
      )
      .then(rowsOf<{ d: string | null; n: number }>),
    db
      .execute(
        sql`select ${gameDate("created_at")} as d, reason::text as reason,
        coalesce(sum(amount) filter (where amount > 0), 0)::bigint as credit,
        coalesce(-sum(amount) filter (where amount < 0), 0)::bigint as debit
      from points_ledger where created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz group by 1, 2`,
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
    db
      .execute(
        sql`select trading_day::text as d, count(*)::int as n from ad_views
      where status = 'COMPLETED' and trading_day between ${first} and ${range.to}
        and started_at >= ${new Date(start.getTime() - 86_400_000).toISOString()}::timestamptz
        and started_at < ${e}::timestamptz
      group by 1`,
      )
      .then(rowsOf<{ d: string; n: number }>),
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
  const at = (d: string) => out.get(bucketOf(d as DayString));
  for (const r of calls) {
    const m = out.get(r.d);
    if (m) m.calls[r.status] += Number(r.n);
  }
  for (const r of players) {
    const m = out.get(r.d);
    if (m) m.playersWithCall = Number(r.n);
  }
  let before = 0;
  for (const r of signups) {
    if (r.d === null) before += Number(r.n);
    else at(r.d)!.newPlayers += Number(r.n);
  }
  const net = new Map<DayString, number>();
  for (const r of ledger) {
    const m = at(r.d)!;
    m.pointsIssued[r.reason] += Number(r.credit);
    m.pointsIssuedTotal += Number(r.credit);
    m.pointsSpent += Number(r.debit);
    net.set(m.tradingDay, (net.get(m.tradingDay) ?? 0) + Number(r.credit) - Number(r.debit));
  }
  for (const r of redemptionRows) at(r.d)!.redemptions[r.status] += Number(r.n);
  for (const r of ads) {
    const m = out.get(r.d);
    if (m) m.adsCompleted += Number(r.n);
  }

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
    outstanding -= net.get(m.tradingDay) ?? 0;
  }
  return { from: range.from, to: range.to, days: [...out.values()] };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
