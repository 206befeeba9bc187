/**
 * The admin dashboard's numbers (lib/admin/metrics.ts) on PostgreSQL at launch scale: players
 * registered over the range, `calls` calls a trading day for 30 trading days (statuses spread by
 * hash), an award per correct call, ads and redemptions — generated set-based. Prints the
 * wall time of the 30-day read with every day aggregated (cold then warm), then of the read that
 * keeps the settled days (metrics_days) and of the reads after it, and EXPLAIN ANALYZE of the
 * heavy statements.
 *
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test \
 *     npx tsx --conditions=react-server bench/admin-metrics-bench.ts [players=100000] [calls=200000] [days=30]
 */
import postgres from "postgres";
import { loadMetrics } from "@/lib/admin/metrics";
import { gameDayStartAt, tradingDaysBetween, type DayString } from "@/lib/calendar";
import { benchDb } from "./support";

const FROM = "2026-10-23";
const TO = "2026-12-04";

async function main() {
  const players = Number(process.argv[2] ?? 100_000);
  const calls = Number(process.argv[3] ?? 200_000);
  const dayCount = Number(process.argv[4] ?? 30);
  if (!process.env.BENCH_PG_URL) throw new Error("Set BENCH_PG_URL (a PostgreSQL server)");
  const { handle, drop } = await benchDb(4);
  const days = tradingDaysBetween(FROM, TO).slice(-dayCount);
  const sql = postgres(process.env.BENCH_PG_URL.replace(/\/[^/]*$/, `/${await dbName(handle)}`), {
    max: 1,
    onnotice: () => {},
  });
  try {
    const t0 = performance.now();
    const span = gameDayStartAt(TO).getTime() - gameDayStartAt(days[0]!).getTime();
    await sql.unsafe(`insert into users (nickname, created_at)
      select 'mb-' || g, '${gameDayStartAt(days[0]!).toISOString()}'::timestamptz + (g::float / ${players}) * interval '${Math.round(span / 1000)} seconds'
      from generate_series(1, ${players}) g`);
    await sql.unsafe(`create temporary table ids as select row_number() over () as n, id from users`);
    // Every day but the last two is settled (no call pending), as on a live system.
    const settled = (d: string) => days.indexOf(d as DayString) < days.length - 2;
    for (const d of days) {
      await sql.unsafe(`insert into predictions (user_id, trading_day, symbol, choice, status, void_reason, points_awarded, created_at)
        select ids.id, '${d}', 'S' || (g / ${players}), 'UP',
          (array['${settled(d) ? "INCORRECT" : "PENDING"}','CORRECT','INCORRECT','VOID','CANCELLED'])[1 + abs(hashtext('${d}' || g)) % 5]::prediction_status,
          case when abs(hashtext('${d}' || g)) % 5 = 3 then 'flat' end,
          case when abs(hashtext('${d}' || g)) % 5 = 1 then 50 else 0 end,
          '${gameDayStartAt(d).toISOString()}'::timestamptz
        from generate_series(0, ${calls - 1}) g join ids on ids.n = 1 + (g * 7919) % ${players}`);
      await sql.unsafe(`insert into ad_views (user_id, trading_day, status, started_at, eligible_at, expires_at, completed_at)
        select ids.id, '${d}', 'COMPLETED', t, t, t + interval '30 minutes', t + interval '20 seconds'
        from (select g, '${gameDayStartAt(d).toISOString()}'::timestamptz + (g % 1000) * interval '1 minute' as t
              from generate_series(1, ${Math.round(calls / 10)}) g) x join ids on ids.n = 1 + (g * 31) % ${players}`);
    }
    // Ledger rows straight in (the chain and balances do not matter to these reads).
    await sql.unsafe(`alter table points_ledger disable trigger user`);
    await sql.unsafe(`insert into points_ledger (ref_id, user_id, amount, reason, balance_after, created_at)
      select 'settle:' || id, user_id, 50, 'PREDICTION_CORRECT', 50, created_at + interval '24 hours'
      from predictions where status = 'CORRECT'`);
    await sql.unsafe(`insert into points_ledger (ref_id, user_id, amount, reason, balance_after, created_at)
      select 'signup:' || id, id, 1000, 'SIGNUP_BONUS', 1000, created_at from users`);
    await sql.unsafe(
      `insert into points_balances (user_id, balance) select user_id, sum(amount) from points_ledger group by 1`,
    );
    await sql.unsafe("vacuum analyze");
    const seeded = performance.now() - t0;

    const range = { from: days[0]!, to: days[days.length - 1]! };
    const time = async (now: Date) => {
      const t = performance.now();
      await loadMetrics(handle.db, range, now);
      return Math.round(performance.now() - t);
    };
    // Every day aggregated: a clock at which no day is final yet, so nothing is kept.
    const notYet = gameDayStartAt(days[0]!);
    const cold = await time(notYet);
    const warm = [await time(notYet), await time(notYet), await time(notYet)].sort((a, b) => a - b);
    // Later: the first read keeps the settled days, the next ones read them from metrics_days.
    const later = new Date(gameDayStartAt(TO).getTime() + 7 * 86_400_000);
    const keeping = await time(later);
    const kept = [await time(later), await time(later), await time(later)].sort((a, b) => a - b);
    const [counted] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from metrics_days`);
    const keptDays = counted?.n ?? 0;
    const s = gameDayStartAt(days[0]!).toISOString();
    const e = gameDayStartAt(TO).toISOString();
    const explain = async (label: string, q: string) => {
      const rows = await sql.unsafe(`explain (analyze, buffers) ${q}`);
      const lines = rows.map((r) => Object.values(r)[0] as string);
      return {
        label,
        plan: lines.filter((l) => /Scan|Execution Time|Aggregate/.test(l)).map((l) => l.trim()),
      };
    };
    const plans = [
      await explain(
        "calls by status",
        `select trading_day, status, count(*) from predictions where trading_day between '${days[0]}' and '${days[days.length - 1]}' group by 1, 2`,
      ),
      await explain(
        "players with a call",
        `select d, count(*) from (select distinct trading_day as d, user_id from predictions where trading_day between '${days[0]}' and '${days[days.length - 1]}' and status <> 'CANCELLED') x group by 1`,
      ),
      await explain(
        "ledger by day and reason",
        `select to_char((created_at at time zone 'Asia/Seoul') - interval '6 hours', 'YYYY-MM-DD'), reason, sum(amount) from points_ledger where created_at >= '${s}' and created_at < '${e}' group by 1, 2`,
      ),
    ];
    const [counts] =
      await sql`select (select count(*) from predictions)::int as predictions, (select count(*) from points_ledger)::int as ledger`;
    console.log(
      JSON.stringify(
        {
          players,
          callsPerDay: calls,
          days: days.length,
          ...counts,
          seededMs: Math.round(seeded),
          coldMs: cold,
          warmMs: warm,
          keepingMs: keeping,
          keptMs: kept,
          keptDays,
          plans,
        },
        null,
        2,
      ),
    );
  } finally {
    await sql.end();
    await drop();
  }
}

async function dbName(handle: Awaited<ReturnType<typeof benchDb>>["handle"]): Promise<string> {
  const { rowsOf } = await import("@/db/client");
  const { sql } = await import("drizzle-orm");
  return rowsOf<{ n: string }>(await handle.db.execute(sql`select current_database() as n`))[0]!.n;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
