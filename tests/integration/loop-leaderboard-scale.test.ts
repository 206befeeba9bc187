import { sql } from "drizzle-orm";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { rowsOf, type Database } from "@/db/client";
import { tradingDaysBetween } from "@/lib/calendar";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { loadLeaderboard, leaderboardSql, type Leaderboard } from "@/lib/loop/leaderboard";
import {
  ACCURACY_MIN_CALLS,
  METRICS,
  periodStartOf,
  PERIODS,
  type Metric,
  type Period,
} from "@/lib/loop/periods";
import { recordDayResults } from "@/lib/loop/record-day";
import { updateLoopSettings } from "@/lib/loop/settings";
import { createTestDb, type TestDb } from "./support/db";
import { itOnPostgres } from "./support/postgres-only";

/**
 * Leaderboards at scale (PostgreSQL): every board equals a brute-force ranking, and the page's
 * statements use the aggregates' indexes. The set-up (200k calls) and the invariant check run on
 * a plain connection: they take longer than the app's statement timeout allows a request.
 */
let t: TestDb | undefined;
const onPostgres = process.env.TEST_DB === "postgres";
beforeAll(async () => {
  if (onPostgres) t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

// Ten trading days over three weeks and two months (Thanksgiving, 26 Nov, is not one of them).
const DAYS = tradingDaysBetween("2026-11-20", "2026-12-04");
const NOW = new Date("2026-12-05T00:00:00Z");

/** A plain connection to the test database, without the app's statement and silence timeouts. */
async function withPlainConnection<T>(url: string, fn: (db: PostgresJsDatabase) => Promise<T>): Promise<T> {
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(drizzle(pg));
  } finally {
    await pg.end();
  }
}

/**
 * Settled calls generated in the database, set-based: 10k players, each playing a day with
 * probability 0.4 (1–9 calls), every 50th player every day with 10 calls (so some reach the
 * all-time accuracy minimum of 100); outcomes and choices from hashes; awards in the ledger so
 * the invariants hold. About 200k predictions.
 */
async function generate(db: PostgresJsDatabase) {
  await db.execute(
    sql`insert into users (nickname) select 'lb-' || lpad(g::text, 5, '0') from generate_series(1, 10000) g`,
  );
  await db.execute(sql`
    with u as (select id, row_number() over (order by nickname) as n from users where nickname like 'lb-%'),
    d as (select day, i from unnest(${`{${DAYS.join(",")}}`}::date[]) with ordinality as t(day, i)),
    pd as (
      select u.id, u.n, d.day, d.i,
        case when u.n % 50 = 0 then 10 else 1 + abs(hashtext(u.n || 'c' || d.i)) % 9 end as k
      from u cross join d
      where u.n % 50 = 0 or abs(hashtext(u.n || 'p' || d.i)) % 100 < 40
    ), calls as (
      select pd.id, pd.day, pd.n, pd.i, j,
        abs(hashtext(pd.n || 's' || pd.i || ':' || j)) % 100 as h,
        abs(hashtext(pd.n || 'x' || pd.i || ':' || j)) % 100 as x
      from pd cross join lateral generate_series(0, pd.k - 1) j
    )
    insert into predictions (user_id, trading_day, symbol, choice, status, void_reason, points_awarded,
      snapshot_price, snapshot_at, snapshot_source, close_price, settled_at)
    select id, day, 'S' || lpad(((n * 13 + i * 7 + j) % 100)::text, 3, '0'),
      (case when x < 60 then 'UP' else 'DOWN' end)::prediction_choice,
      (case when h < 6 then 'VOID' when h < 54 then 'CORRECT' else 'INCORRECT' end)::prediction_status,
      case when h < 6 then 'flat' end,
      case when h >= 6 and h < 54 then 50 else 0 end,
      100, day + time '03:00', 'simulated', 101, day + time '22:00'
    from calls`);
  await db.execute(sql`
    insert into points_ledger (ref_id, user_id, amount, reason, balance_after)
    select 'settle:' || id, user_id, 50, 'PREDICTION_CORRECT', 50 * row_number() over (partition by user_id order by id)
    from predictions where status = 'CORRECT' order by user_id, id`);
  await db.execute(sql`
    insert into points_balances (user_id, balance) select user_id, sum(amount) from points_ledger group by user_id`);
  // Statistics, as autovacuum would gather them: the invariant checks join these tables.
  await db.execute(sql`analyze predictions`);
  await db.execute(sql`analyze points_ledger`);
}

type Pred = {
  user_id: string;
  day: string;
  symbol: string;
  choice: "UP" | "DOWN";
  status: string;
  points: number;
};
type Agg = { correct: number; incorrect: number; void: number; points: number; alwaysO: number };

/** The boards computed from the predictions alone, in plain TypeScript: userId → [rank, value]. */
function bruteForce(preds: Pred[], hidden: Set<string>) {
  const aggs = new Map<string, Map<string, Agg>>(); // "period:start" → user → agg
  for (const p of preds) {
    for (const period of PERIODS) {
      const key = `${period}:${periodStartOf(period, p.day)}`;
      const board = aggs.get(key) ?? new Map<string, Agg>();
      aggs.set(key, board);
      const a = board.get(p.user_id) ?? { correct: 0, incorrect: 0, void: 0, points: 0, alwaysO: 0 };
      board.set(p.user_id, a);
      if (p.status === "CORRECT") a.correct++;
      if (p.status === "INCORRECT") a.incorrect++;
      if (p.status === "VOID") a.void++;
      a.points += p.points;
      const wentUp = (p.choice === "UP") === (p.status === "CORRECT");
      if (p.status !== "VOID" && wentUp) a.alwaysO++;
    }
  }
  const ranked = (key: string, by: Metric) => {
    const [period] = key.split(":") as [Period];
    const rows = [...aggs.get(key)!.entries()].filter(
      ([u, a]) =>
        !hidden.has(u) && (by !== "accuracy" || a.correct + a.incorrect >= ACCURACY_MIN_CALLS[period]),
    );
    // Exact comparison: accuracy by cross-multiplication, never by a float or a rounded key.
    const better = (a: Agg, b: Agg) =>
      by === "points"
        ? a.points > b.points
        : by === "edge"
          ? a.correct - a.alwaysO > b.correct - b.alwaysO
          : BigInt(a.correct) * BigInt(b.correct + b.incorrect) >
            BigInt(b.correct) * BigInt(a.correct + a.incorrect);
    const sorted = rows.sort(([, a], [, b]) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    const out = new Map<string, number>();
    sorted.forEach(([u, a], i) => {
      const prev = sorted[i - 1];
      out.set(u, prev && !better(prev[1], a) ? out.get(prev[0])! : i + 1);
    });
    return out;
  };
  return { keys: [...aggs.keys()], ranked };
}

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function planNodes(explained: unknown): PlanNode[] {
  const parsed = typeof explained === "string" ? JSON.parse(explained) : explained;
  const out: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    out.push(n);
    for (const c of n.Plans ?? []) walk(c);
  };
  for (const top of parsed as { Plan: PlanNode }[]) walk(top.Plan);
  return out;
}

const asMap = (b: Leaderboard) => new Map(b.entries.map((e) => [e.userId, e.rank]));

describe("leaderboards at scale", () => {
  itOnPostgres(
    "every period and metric equals a brute-force ranking of 10k players and 200k predictions, through indexes only",
    async () => {
      const db = t!.db;
      const clock = performance.now();
      const lap = (what: string) => console.log(`${what}: ${Math.round(performance.now() - clock)} ms`);
      await withPlainConnection(t!.url!, generate);
      lap("generated");
      const users = rowsOf<{ id: string; n: number }>(
        await db.execute(
          sql`select id::text as id, row_number() over (order by nickname)::int as n from users where nickname like 'lb-%'`,
        ),
      );
      // Some players hide before their days are recorded, some after.
      const hideEarly = users.filter((u) => u.n % 797 === 0);
      const hideLate = users.filter((u) => u.n % 883 === 0);
      for (const u of hideEarly)
        await updateLoopSettings(db, { userId: u.id, patch: { hideFromBoards: true }, now: NOW });
      for (const day of DAYS)
        await db.transaction((tx) => recordDayResults(tx, { tradingDay: day, now: NOW }));
      for (const u of hideLate)
        await updateLoopSettings(db, { userId: u.id, patch: { hideFromBoards: true }, now: NOW });
      const hidden = new Set([...hideEarly, ...hideLate].map((u) => u.id));

      const preds = rowsOf<Pred>(
        await db.execute(sql`select user_id::text as user_id, trading_day::text as day, symbol, choice::text as choice,
          status::text as status, points_awarded as points from predictions where status in ('CORRECT', 'INCORRECT', 'VOID')`),
      );
      expect(preds.length).toBeGreaterThanOrEqual(200_000);
      lap("recorded and read back");
      const brute = bruteForce(preds, hidden);
      expect(brute.keys.length).toBe(10 + 3 + 2 + 1);

      for (const key of brute.keys) {
        const [period, start] = key.split(":") as [Period, string];
        const day = DAYS.find((d) => periodStartOf(period, d) === start)!;
        for (const by of METRICS) {
          const board = await loadLeaderboard(db, { period, by, day, limit: 20_000 });
          const expected = brute.ranked(key, by);
          expect(board.entries.length, `${key} ${by}`).toBe(expected.size);
          expect(asMap(board), `${key} ${by}`).toEqual(expected);
        }
      }

      lap("every board compared");
      // A player's own rank and neighbours (hidden players see where they would stand).
      const sample = users.filter((u) => u.n % 1000 === 0 || u.n % 797 === 0).slice(0, 12);
      for (const period of ["day", "week", "all"] as const) {
        const day = DAYS[6]!;
        const key = `${period}:${periodStartOf(period, day)}`;
        for (const by of METRICS) {
          const expected = brute.ranked(key, by);
          const visible = brute.ranked(key, by);
          for (const u of sample) {
            const board = await loadLeaderboard(db, { period, by, day, userId: u.id, limit: 5 });
            const me = board.me!;
            if (!me.entry) continue;
            if (me.rank === null) {
              expect(by).toBe("accuracy");
              continue;
            }
            if (!hidden.has(u.id)) expect(me.rank, `${key} ${by} ${u.n}`).toBe(expected.get(u.id));
            for (const nb of me.neighbours) expect(nb.rank).toBe(visible.get(nb.userId));
            expect(me.neighbours.length).toBeGreaterThan(0);
          }
        }
      }

      lap("own ranks compared");
      // The page's statements read the aggregates through their partial indexes: no scan of
      // predictions, no sequential scan of player_stats.
      // As autovacuum leaves a table in production: statistics and the visibility map up to date.
      await db.execute(sql`vacuum (analyze) player_stats`);
      await db.execute(sql`analyze users`);
      for (const by of METRICS) {
        const index = `player_stats_${by}_idx`;
        for (const period of PERIODS) {
          const start = periodStartOf(period, DAYS[6]!);
          for (const q of [
            leaderboardSql.top({ period, start, by, limit: 50 }),
            leaderboardSql.values({ period, start, by }),
            leaderboardSql.around({
              period,
              start,
              by,
              value: by === "accuracy" ? 500_000_000_000 : 50,
              userId: users[0]!.id,
            }),
          ]) {
            const [plan] = rowsOf<{ "QUERY PLAN": unknown }>(
              await db.execute(sql`explain (format json) ${q}`),
            );
            const nodes = planNodes(plan!["QUERY PLAN"]);
            // The ranked statements walk the metric's own partial index.
            expect(
              nodes.map((n) => n["Index Name"]),
              `${period} ${by}: ${JSON.stringify(nodes.map((n) => [n["Node Type"], n["Index Name"]]))}`,
            ).toContain(index);
            expect(nodes.filter((n) => n["Relation Name"] === "predictions")).toEqual([]);
            expect(
              nodes.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "player_stats"),
            ).toEqual([]);
          }
        }
      }
      lap("plans checked");
      // The TESTPLAN invariants, on the plain connection (a full check of 200k calls takes seconds).
      const problems = await withPlainConnection(t!.url!, (plain) =>
        runIntegrityChecks(plain as unknown as Database),
      );
      expect(problems).toEqual([]);
      lap("invariants checked");
    },
    240_000,
  );
});
