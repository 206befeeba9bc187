import "server-only";
/**
 * Leaderboards (docs/rules.md §14) read from `player_stats` only, through its partial indexes
 * (`player_stats_points_idx`, `…_accuracy_idx`, `…_edge_idx`): the top rows are an index range
 * with a limit, a player's rank is 1 + the number of visible rows with a strictly better value
 * (so ties share a rank) and their neighbours are short index ranges on either side.
 *
 * A board only changes when a day is recorded, a player hides or renames themselves, or an
 * account is deleted; it is read far more often. So each board's top rows and its ranked values
 * (each distinct value with how many visible rows hold it) are kept in memory per process, keyed
 * by the recorded days (`loop_days`: a new or re-recorded day is a new key everywhere at once)
 * and kept at most `BOARD_TTL_MS`; this process forgets them at once on the other changes
 * (`forgetBoards`), another instance within `BOARD_TTL_MS`. A signed-in view then reads the
 * recorded days, the player's own row and their neighbours: three statements.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { gameDayAt, type DayString } from "@/lib/calendar";
import { keptOrBuilt, type Kept } from "@/lib/kept";
import { processSingleton } from "@/lib/process-singleton";
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
  /** Each visible ranked value, best first, with how many rows hold it (an index-only range). */
  values: (q: { period: Period; start: DayString; by: Metric }) => {
    const c = sql.raw(`s.${RANKED[q.by].col}`);
    return sql`select ${c} as v, count(*)::int as n from player_stats s
      where ${scopeOf(q.period, q.start, q.by)} group by ${c} order by ${c} desc`;
  },
  /** Up to two rows on each side of a player in board order (value desc, then user id). */
  around: (q: { period: Period; start: DayString; by: Metric; value: number; userId: string }) => {
    const c = sql.raw(`s.${RANKED[q.by].col}`);
    const col = RANKED[q.by].col;
    const side = (n: number, cond: ReturnType<typeof sql>, order: string) =>
      sql`(select ${COLUMNS}, ${n}::int as side from player_stats s join users u on u.id = s.user_id
        where ${scopeOf(q.period, q.start, q.by)} and ${cond} order by ${sql.raw(order)} limit 2)`;
    // Ties first, then the next values; each side is its own short index range.
    return sql`${side(0, sql`${c} = ${q.value} and s.user_id < ${q.userId}`, "s.user_id desc")}
      union all ${side(1, sql`${c} > ${q.value}`, `s.${col} asc nulls first, s.user_id desc`)}
      union all ${side(2, sql`${c} = ${q.value} and s.user_id > ${q.userId}`, "s.user_id asc")}
      union all ${side(3, sql`${c} < ${q.value}`, `s.${col} desc nulls last, s.user_id asc`)}`;
  },
};

/** How long a board's top rows and ranked values are served from this process's memory. */
export const BOARD_TTL_MS = 10_000;
const TOP = 50;

type Recorded = {
  /** The latest trading day whose results are recorded (before `now`'s game day when given). */
  latest: DayString | null;
  /** Changes with every recorded or re-recorded day: the key of the boards kept in memory. */
  version: string;
};

/**
 * The recorded days in one small statement (`loop_days` has a row per trading day). With `now`,
 * only days before that instant's game day count as latest: a day is recorded after its own game
 * day, so in real time this changes nothing, and a clock moved back (tests, a replay) sees the
 * loop as it stood then.
 */
async function recordedDays(db: Database, now?: Date): Promise<Recorded> {
  const before = now ? gameDayAt(now) : null;
  const [row] = rowsOf<{ latest: string | null; days: number; revisions: number }>(
    await db.execute(sql`
      select ${before ? sql`max(trading_day) filter (where trading_day < ${before})` : sql`max(trading_day)`}::text as latest,
        count(*)::int as days, coalesce(sum(revision), 0)::int as revisions
      from loop_days`),
  );
  return {
    latest: (row?.latest as DayString | null) ?? null,
    version: `${row?.days ?? 0}.${row?.revisions ?? 0}`,
  };
}

/** The latest trading day whose results are recorded, or null before the first (see recordedDays). */
export async function latestRecordedDay(db: Database, now?: Date): Promise<DayString | null> {
  return (await recordedDays(db, now)).latest;
}

type Ranked = {
  top: Array<Row & { rank: number }>;
  /**
   * Distinct visible values, best first; `better[i]` is the number of visible rows above
   * `values[i]`, and its last entry (one more than the values) the number of visible rows.
   */
  values: number[];
  better: number[];
};
const boardMemory = () =>
  processSingleton("loop-boards", () => ({ byDb: new WeakMap<Database, Map<string, Kept<Ranked>>>() }));

/**
 * Forget every board kept in this process's memory: after a player hid themselves, renamed
 * themselves or deleted their account (called once the change is committed).
 */
export function forgetBoards(): void {
  boardMemory().byDb = new WeakMap();
}

function rankedBoard(
  db: Database,
  q: { period: Period; start: DayString; by: Metric; version: string },
): Promise<Ranked> {
  const memory = boardMemory();
  let boards = memory.byDb.get(db);
  if (!boards) memory.byDb.set(db, (boards = new Map()));
  const key = `${q.version}|${q.period}|${q.start}|${q.by}`;
  return keptOrBuilt(boards, key, { now: performance.now(), ttlMs: BOARD_TTL_MS, max: 64 }, () =>
    loadRanked(db, q),
  );
}

async function loadRanked(
  db: Database,
  q: { period: Period; start: DayString; by: Metric },
): Promise<Ranked> {
  const [top, counts] = await Promise.all([
    db.execute(leaderboardSql.top({ ...q, limit: TOP })),
    db.execute(leaderboardSql.values(q)),
  ]);
  const values: number[] = [];
  const better: number[] = [];
  let above = 0;
  for (const r of rowsOf<{ v: string | number; n: number }>(counts)) {
    values.push(Number(r.v));
    better.push(above);
    above += Number(r.n);
  }
  better.push(above);
  return {
    top: rowsOf<Row & { rank: number | string }>(top).map((r) => ({ ...r, rank: Number(r.rank) })),
    values,
    better,
  };
}

/** 1 + the visible rows strictly better than `v` (a binary search over the distinct values). */
function rankIn(board: Ranked, v: number): number {
  let lo = 0;
  let hi = board.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (board.values[mid]! > v) lo = mid + 1;
    else hi = mid;
  }
  return 1 + board.better[lo]!;
}

export async function loadLeaderboard(
  db: Database,
  input: {
    period: Period;
    by: Metric;
    day?: DayString;
    userId?: string | null;
    /** The top rows to list (50); a board of another length is read from the database. */
    limit?: number;
    /** Without a `day`: the latest day recorded before this instant (latestRecordedDay). */
    now?: Date;
  },
): Promise<Leaderboard> {
  const { period, by } = input;
  const recorded = await recordedDays(db, input.now);
  const day = input.day ?? recorded.latest;
  const minCalls = by === "accuracy" ? ACCURACY_MIN_CALLS[period] : null;
  if (!day) return { period, by, day: null, periodStart: null, minCalls, entries: [], me: null };
  const start = periodStartOf(period, day);
  const limit = input.limit ?? TOP;
  const board = rankedBoard(db, { period, start, by, version: recorded.version });
  const [ranked, top, me] = await Promise.all([
    board,
    limit === TOP
      ? board.then((b) => b.top)
      : db
          .execute(leaderboardSql.top({ period, start, by, limit }))
          .then((r) => rowsOf<Row & { rank: number | string }>(r)),
    input.userId ? myRow(db, { period, start, userId: input.userId }) : null,
  ]);
  const entries = top.map((r) => entryOf(r, Number(r.rank)));
  const place = input.userId
    ? await myPlace(db, ranked, { period, start, by, userId: input.userId, mine: me })
    : null;
  return { period, by, day, periodStart: start, minCalls, entries, me: place };
}

async function myRow(
  db: Database,
  input: { period: Period; start: DayString; userId: string },
): Promise<Row | null> {
  const [mine] = rowsOf<Row>(
    await db.execute(sql`
      select ${COLUMNS} from player_stats s join users u on u.id = s.user_id
      where s.period = ${input.period} and s.period_start = ${input.start} and s.user_id = ${input.userId}`),
  );
  return mine ?? null;
}

async function myPlace(
  db: Database,
  board: Ranked,
  input: { period: Period; start: DayString; by: Metric; userId: string; mine: Row | null },
): Promise<Leaderboard["me"]> {
  const { period, start, by, userId, mine } = input;
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
  const v = valueOf(mine, by);
  const sides = rowsOf<Row & { side: number }>(
    await db.execute(leaderboardSql.around({ period, start, by, value: v, userId })),
  );
  const on = (n: number) => sides.filter((r) => Number(r.side) === n);
  const above = [...on(0), ...on(1)].slice(0, 2).reverse();
  const below = [...on(2), ...on(3)].slice(0, 2);
  const window = [...above, ...(mine.hidden ? [] : [mine]), ...below];
  const rank = rankIn(board, v);
  return {
    hidden: mine.hidden,
    rank,
    entry: entryOf(mine, rank),
    callsToQualify: 0,
    neighbours: window.map((r) => entryOf(r, rankIn(board, valueOf(r, by)))),
  };
}
