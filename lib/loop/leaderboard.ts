import "server-only";
/**
 * Leaderboards (docs/rules.md §14) read from `player_stats` only, through its partial indexes
 * (`player_stats_points_idx`, `…_accuracy_idx`, `…_edge_idx`): the top rows are an index range
 * with a limit, a player's rank is 1 + the number of visible rows with a strictly better value
 * (so ties share a rank) and their neighbours are two short index ranges on either side.
 */
import { desc, lt, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { loopDays } from "@/db/schema";
import { gameDayAt, type DayString } from "@/lib/calendar";
import { ACCURACY_MIN_CALLS, periodStartOf, type Metric, type Period } from "./periods";

export type BoardEntry = {
  rank: number;
  userId: string;
  nickname: string;
  points: number;
  correct: number;
  incorrect: number;
  void: number;
  /** correct / (correct + incorrect), null with no decided call. */
  accuracy: number | null;
  edge: number;
  alwaysO: number;
};

export type Leaderboard = {
  period: Period;
  by: Metric;
  /** The trading day the period was chosen by (the latest recorded day unless asked). */
  day: DayString | null;
  periodStart: DayString | null;
  minCalls: number | null;
  entries: BoardEntry[];
  me: {
    hidden: boolean;
    /** null when the player has no record in the period, or too few calls to rank by accuracy. */
    rank: number | null;
    entry: BoardEntry | null;
    callsToQualify: number;
    neighbours: BoardEntry[];
  } | null;
};

type Row = {
  user_id: string;
  nickname: string;
  points: number;
  correct: number;
  incorrect: number;
  void: number;
  edge: number;
  always_o: number;
  accuracy_key: string | number | null;
  hidden: boolean;
};

/** The column a metric ranks on and the partial-index predicate that goes with it. */
const RANKED: Record<Metric, { col: string; where: string }> = {
  points: { col: "points", where: "not hidden" },
  accuracy: { col: "accuracy_key", where: "not hidden and accuracy_key is not null" },
  edge: { col: "edge", where: "not hidden" },
};

const COLUMNS = sql.raw(
  "s.user_id::text as user_id, u.nickname, s.points, s.correct, s.incorrect, s.void, s.edge, s.always_o, s.accuracy_key, s.hidden",
);

function entryOf(r: Row, rank: number): BoardEntry {
  const decided = r.correct + r.incorrect;
  return {
    rank,
    userId: r.user_id,
    nickname: r.nickname,
    points: Number(r.points),
    correct: Number(r.correct),
    incorrect: Number(r.incorrect),
    void: Number(r.void),
    accuracy: decided > 0 ? r.correct / decided : null,
    edge: Number(r.edge),
    alwaysO: Number(r.always_o),
  };
}

const valueOf = (r: Row, by: Metric): number =>
  by === "points" ? Number(r.points) : by === "edge" ? Number(r.edge) : Number(r.accuracy_key);

const scopeOf = (period: Period, start: DayString, by: Metric) =>
  sql`s.period = ${period} and s.period_start = ${start} and ${sql.raw(
    RANKED[by].where.replace(/\b(hidden|accuracy_key)\b/g, "s.$1"),
  )}`;

/** The statements a board view runs (exported so a test can EXPLAIN them). */
export const leaderboardSql = {
  /** The best `limit` rows of a period by a metric, ranked (ties share a rank). */
  top: (q: { period: Period; start: DayString; by: Metric; limit: number }) => {
    const col = RANKED[q.by].col;
    // The limit applies to player_stats alone (an index range), the nicknames are joined after it.
    return sql`
      select ${COLUMNS}, rank() over (order by s.v desc)::int as rank from (
        select s.*, s.${sql.raw(col)} as v from player_stats s
        where ${scopeOf(q.period, q.start, q.by)} order by ${sql.raw(`s.${col} desc nulls last, s.user_id`)} limit ${q.limit}::int
      ) s join users u on u.id = s.user_id order by s.v desc, s.user_id`;
  },
  /** How many visible rows are strictly better than each value (one index range from the lowest). */
  better: (q: { period: Period; start: DayString; by: Metric; values: number[] }) => {
    const c = sql.raw(`s.${RANKED[q.by].col}`);
    return sql`select ${sql.join(
      q.values.map((x, i) => sql`count(*) filter (where ${c} > ${x})::int as ${sql.raw(`c${i}`)}`),
      sql`, `,
    )} from player_stats s where ${scopeOf(q.period, q.start, q.by)} and ${c} > ${Math.min(...q.values)}`;
  },
};

/**
 * The latest trading day whose results are recorded, or null before the first. With `now`, only
 * days before that instant's game day count: a day is recorded after its own game day, so in
 * real time this changes nothing, and a clock moved back (tests, a replay) sees the loop as it
 * stood then.
 */
export async function latestRecordedDay(db: Database, now?: Date): Promise<DayString | null> {
  const [row] = await db
    .select({ day: loopDays.tradingDay })
    .from(loopDays)
    .where(now ? lt(loopDays.tradingDay, gameDayAt(now)) : undefined)
    .orderBy(desc(loopDays.tradingDay))
    .limit(1);
  return row?.day ?? null;
}

export async function loadLeaderboard(
  db: Database,
  input: {
    period: Period;
    by: Metric;
    day?: DayString;
    userId?: string | null;
    limit?: number;
    /** Without a `day`: the latest day recorded before this instant (latestRecordedDay). */
    now?: Date;
  },
): Promise<Leaderboard> {
  const { period, by } = input;
  const day = input.day ?? (await latestRecordedDay(db, input.now));
  const minCalls = by === "accuracy" ? ACCURACY_MIN_CALLS[period] : null;
  if (!day) return { period, by, day: null, periodStart: null, minCalls, entries: [], me: null };
  const start = periodStartOf(period, day);
  const top = rowsOf<Row & { rank: number | string }>(
    await db.execute(leaderboardSql.top({ period, start, by, limit: input.limit ?? 50 })),
  );
  const entries = top.map((r) => entryOf(r, Number(r.rank)));
  const me = input.userId ? await myPlace(db, { period, start, by, userId: input.userId }) : null;
  return { period, by, day, periodStart: start, minCalls, entries, me };
}

async function myPlace(
  db: Database,
  input: { period: Period; start: DayString; by: Metric; userId: string },
): Promise<Leaderboard["me"]> {
  const { period, start, by, userId } = input;
  const [mine] = rowsOf<Row>(
    await db.execute(sql`
      select ${COLUMNS} from player_stats s join users u on u.id = s.user_id
      where s.period = ${period} and s.period_start = ${start} and s.user_id = ${userId}`),
  );
  if (!mine) return { hidden: false, rank: null, entry: null, callsToQualify: 0, neighbours: [] };
  const decided = Number(mine.correct) + Number(mine.incorrect);
  if (by === "accuracy" && mine.accuracy_key === null) {
    return {
      hidden: mine.hidden,
      rank: null,
      entry: entryOf(mine, 0),
      callsToQualify: ACCURACY_MIN_CALLS[period] - decided,
      neighbours: [],
    };
  }
  const col = RANKED[by].col;
  const scope = scopeOf(period, start, by);
  const v = valueOf(mine, by);
  const c = sql.raw(`s.${col}`);
  const near = (cond: ReturnType<typeof sql>, order: string) =>
    db.execute(sql`select ${COLUMNS} from player_stats s join users u on u.id = s.user_id
      where ${scope} and ${cond} order by ${sql.raw(order)} limit 2`);
  // Two rows on each side in board order (value desc, then user id): ties first, then the next values.
  const [sameAbove, higher, sameBelow, lower] = await Promise.all([
    near(sql`${c} = ${v} and s.user_id < ${userId}`, "s.user_id desc"),
    near(sql`${c} > ${v}`, `s.${col} asc nulls first, s.user_id desc`),
    near(sql`${c} = ${v} and s.user_id > ${userId}`, "s.user_id asc"),
    near(sql`${c} < ${v}`, `s.${col} desc nulls last, s.user_id asc`),
  ]);
  const above = [...rowsOf<Row>(sameAbove), ...rowsOf<Row>(higher)].slice(0, 2).reverse();
  const below = [...rowsOf<Row>(sameBelow), ...rowsOf<Row>(lower)].slice(0, 2);
  const window = [...above, ...(mine.hidden ? [] : [mine]), ...below];
  // Rank of a value = 1 + rows strictly better: one index range from the lowest value shown.
  const values = [...new Set([v, ...window.map((r) => valueOf(r, by))])];
  const [counts] = rowsOf<Record<string, string | number>>(
    await db.execute(leaderboardSql.better({ period, start, by, values })),
  );
  const rankOf = (x: number) => 1 + Number(counts?.[`c${values.indexOf(x)}`] ?? 0);
  return {
    hidden: mine.hidden,
    rank: rankOf(v),
    entry: entryOf(mine, rankOf(v)),
    callsToQualify: 0,
    neighbours: window.map((r) => entryOf(r, rankOf(valueOf(r, by)))),
  };
}
