/**
 * Leaderboard reads at 100k players on PostgreSQL: the board view's statements (top 50 + the
 * player's own rank and neighbours) for random players, against a trivial `select 1` on the
 * same pool in the same run (what /api/health does). Aggregates are generated set-based.
 *
 *   npx tsx --conditions=react-server bench/leaderboard-bench.ts [players=100000] [samples=300]
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { migrateDb, openDb, rowsOf } from "@/db/client";
import { loadLeaderboard } from "@/lib/loop/leaderboard";
import { METRICS, PERIODS, periodStartOf } from "@/lib/loop/periods";
import { percentile } from "./support";

const DAY = "2026-12-15";

async function main() {
  const players = Number(process.argv[2] ?? 100_000);
  const samples = Number(process.argv[3] ?? 300);
  const adminUrl =
    process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const name = `oxu_bench_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDb({ url: url.toString(), poolSize: 4 });
  const setup = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await migrateDb(handle);
    await setup.unsafe(
      `insert into users (nickname) select 'lb-' || g from generate_series(1, ${players}) g`,
    );
    // Every player in every period; correct/incorrect/void spread by hashes (many ties on points).
    for (const period of PERIODS) {
      const start = periodStartOf(period, DAY);
      const scale = { day: 1, week: 5, month: 21, all: 120 }[period];
      await setup.unsafe(`
        insert into player_stats (period, period_start, user_id, settled, correct, incorrect, void, points, always_o, crowd_correct, hidden, updated_at)
        select '${period}', '${start}', id, c + i + v, c, i, v, c * 50, least(c + i, (c + i) / 2 + h % 3), (c + i) / 2, h % 100 = 0, now()
        from (select id, h, (h % (3 * ${scale} + 1))::int as c, ((h / 7) % (3 * ${scale} + 1))::int as i, ((h / 13) % 2)::int as v
              from (select id, abs(hashtext(id::text)) as h from users) x) y`);
    }
    await setup.unsafe("vacuum analyze player_stats");
    await setup.unsafe("analyze users");
    const db = handle.db;
    const ids = rowsOf<{ id: string }>(
      await db.execute(sql`select id::text as id from users order by random() limit ${samples}`),
    );

    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    // Warm both paths, then alternate them so they share the machine's load.
    for (let i = 0; i < 20; i++) {
      await db.execute(sql`select 1`);
      await loadLeaderboard(db, { period: "day", by: "points", day: DAY, userId: ids[i]!.id });
    }
    const base: number[] = [];
    const board: number[] = [];
    for (let i = 0; i < samples; i++) {
      base.push(await time(() => db.execute(sql`select 1`)));
      const period = PERIODS[i % PERIODS.length]!;
      const by = METRICS[Math.floor(i / PERIODS.length) % METRICS.length]!;
      board.push(await time(() => loadLeaderboard(db, { period, by, day: DAY, userId: ids[i]!.id })));
    }
    base.sort((a, b) => a - b);
    board.sort((a, b) => a - b);
    const fmt = (v: number) => +v.toFixed(2);
    console.log(
      JSON.stringify(
        {
          players,
          samples,
          selectOne: { p50: fmt(percentile(base, 50)), p99: fmt(percentile(base, 99)) },
          leaderboardView: { p50: fmt(percentile(board, 50)), p99: fmt(percentile(board, 99)) },
          note: "database time of the board view (top 50 + own rank + neighbours), ms",
        },
        null,
        2,
      ),
    );
  } finally {
    await setup.end();
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
