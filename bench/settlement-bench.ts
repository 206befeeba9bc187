/**
 * Settlement throughput on PostgreSQL: N predictions (5 per player, 100 symbols) settled by
 * settleTradingDay in batches, then the integrity checks. Uses a scratch database that it
 * creates and drops.
 *
 *   npx tsx --conditions=react-server bench/settlement-bench.ts [predictions=100000] [batchSize=5000]
 *
 * `--conditions=react-server` lets the domain modules' `import "server-only"` resolve outside
 * Next. BENCH_PG_URL (default TEST_PG_URL, then postgres://postgres@127.0.0.1:5432/test) names
 * the server. Not for PGlite: a million rows there measure the wasm engine, not our SQL.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { migrateDb, openDb, rowsOf } from "@/db/client";
import { settlementDueAt } from "@/lib/calendar";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { settleTradingDay } from "@/lib/settlement";
import { upsertUniverse } from "@/lib/universe";

const DAY = "2026-11-24";
const PER_PLAYER = 5;
const SYMBOLS = 100;

async function main() {
  const total = Number(process.argv[2] ?? 100_000);
  const batchSize = Number(process.argv[3] ?? 5_000);
  const adminUrl = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const name = `oxu_bench_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDb({ url: url.toString(), poolSize: 4 });
  try {
    await migrateDb(handle);
    const db = handle.db;
    const players = Math.ceil(total / PER_PLAYER);
    const symbols = Array.from({ length: SYMBOLS }, (_, i) => `B${String(i).padStart(3, "0")}`);
    let t0 = performance.now();
    await upsertUniverse(db, { tradingDay: DAY, symbols });
    await db.execute(sql`insert into users (nickname) select 'bench-' || g from generate_series(1, ${players}::int) g`);
    await db.execute(sql`insert into points_balances (user_id, balance) select id, 1000 from users`);
    await db.execute(sql`insert into points_ledger (ref_id, user_id, amount, reason, balance_after)
      select 'signup:' || id, id, 1000, 'SIGNUP_BONUS', 1000 from users order by id`);
    // Player k calls symbols k..k+4 (mod 100), alternating UP/DOWN; snapshots around 100.
    await db.execute(sql`
      insert into predictions (user_id, trading_day, symbol, choice, snapshot_price, snapshot_at, snapshot_source)
      select u.id, ${DAY}::date, 'B' || lpad(((u.n + j) % ${SYMBOLS}::int)::text, 3, '0'),
        (case when (u.n + j) % 2 = 0 then 'UP' else 'DOWN' end)::prediction_choice,
        100 + ((u.n * 7 + j * 13) % 200 - 100) / 100.0, ${`${DAY}T03:00:00Z`}::timestamptz, 'simulated'
      from (select id, row_number() over (order by id) as n from users) u, generate_series(0, ${PER_PLAYER - 1}::int) j
      limit ${total}::int`);
    await db.execute(sql`insert into eod_prices (trading_day, symbol, close, source)
      select ${DAY}::date, s, 100 + (row_number() over (order by s) % 7 - 3) / 2.0, 'simulated' from unnest(${`{${symbols.join(",")}}`}::text[]) s`);
    await db.execute(sql`analyze`);
    const setupMs = performance.now() - t0;

    t0 = performance.now();
    const result = await settleTradingDay(db, { tradingDay: DAY, now: new Date(settlementDueAt(DAY).getTime() + 60_000), batchSize });
    const settleMs = performance.now() - t0;

    // The full integrity checks are slow on large days (see docs/operations.md); opt in.
    t0 = performance.now();
    const problems = process.env.BENCH_INTEGRITY === "1" ? await runIntegrityChecks(db) : [];
    const checkMs = performance.now() - t0;
    const [awards] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from points_ledger where reason = 'PREDICTION_CORRECT'`));
    // The cheap part of I1/I7 always: balances equal ledger sums, one award per CORRECT call.
    const [mismatch] = rowsOf<{ n: number }>(
      await db.execute(sql`select (
          (select count(*) from points_balances b join (select user_id, sum(amount) s from points_ledger group by user_id) l
            on l.user_id = b.user_id where l.s <> b.balance)
          + abs((select count(*) from predictions where status = 'CORRECT') - (select count(*) from points_ledger where reason = 'PREDICTION_CORRECT'))
        )::int as n`),
    );

    console.log(
      JSON.stringify(
        {
          predictions: result.settled,
          players,
          batchSize,
          batches: result.batches,
          byStatus: result.byStatus,
          awards: Number(awards?.n ?? 0),
          settleSeconds: +(settleMs / 1000).toFixed(2),
          predictionsPerSecond: Math.round(result.settled / (settleMs / 1000)),
          msPerBatch: +(settleMs / Math.max(result.batches, 1)).toFixed(1),
          setupSeconds: +(setupMs / 1000).toFixed(2),
          integrityCheckSeconds: process.env.BENCH_INTEGRITY === "1" ? +(checkMs / 1000).toFixed(2) : "skipped (BENCH_INTEGRITY=1)",
          integrityProblems: problems.length,
          balancesMatchLedger: Number(mismatch?.n ?? -1) === 0,
        },
        null,
        2,
      ),
    );
    if (problems.length || !result.complete || Number(mismatch?.n ?? -1) !== 0) process.exitCode = 1;
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
