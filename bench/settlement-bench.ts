/**
 * Settlement throughput on PostgreSQL: N predictions (5 per player, 100 symbols) settled by
 * settleTradingDay in batches, then the integrity checks. Uses a scratch database that it
 * creates and drops. The same day as `npm run bench -- settle` (bench/harness/settle.ts),
 * with the per-batch figures and an optional batch size.
 *
 *   npx tsx --conditions=react-server bench/settlement-bench.ts [predictions=100000] [batchSize=5000]
 *
 * `--conditions=react-server` lets the domain modules' `import "server-only"` resolve outside
 * Next. BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test) names the server. Not
 * for PGlite: a million rows there measure the wasm engine, not our SQL.
 */
import { sql } from "drizzle-orm";
import { migrateDb, rowsOf } from "@/db/client";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { recordDayResults } from "@/lib/loop/record-day";
import { settleTradingDay } from "@/lib/settlement";
import { createDatabase } from "./harness/app";
import { seedSettlementDay, settleAt, SETTLE_DAY } from "./harness/settle";

async function main() {
  const total = Number(process.argv[2] ?? 100_000);
  const batchSize = Number(process.argv[3] ?? 5_000);
  const database = await createDatabase("oxu_bench");
  const handle = database.open(4);
  try {
    await migrateDb(handle);
    const db = handle.db;
    let t0 = performance.now();
    const { players } = await seedSettlementDay(db, total);
    const setupMs = performance.now() - t0;

    t0 = performance.now();
    const result = await settleTradingDay(db, { tradingDay: SETTLE_DAY, now: settleAt(), batchSize });
    const settleMs = performance.now() - t0;

    // The daily loop's share of it: the same recordDayResults, alone, on the same day with its
    // aggregates removed (every row written again, as in the run above).
    await db.execute(sql`delete from player_stats`);
    await db.execute(sql`delete from player_streaks`);
    await db.execute(sql`delete from loop_days`);
    t0 = performance.now();
    const recorded = await db.transaction((tx) =>
      recordDayResults(tx, { tradingDay: SETTLE_DAY, now: settleAt() }),
    );
    const recordMs = performance.now() - t0;

    // The full integrity checks are slow on large days (see docs/operations.md); opt in.
    t0 = performance.now();
    const problems = process.env.BENCH_INTEGRITY === "1" ? await runIntegrityChecks(db) : [];
    const checkMs = performance.now() - t0;
    const [awards] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from points_ledger where reason = 'PREDICTION_CORRECT'`),
    );
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
          loopAggregatesSeconds: +(recordMs / 1000).toFixed(2),
          loopAggregatePlayers: recorded.players,
          settlementWithoutAggregatesSeconds: +((settleMs - recordMs) / 1000).toFixed(2),
          aggregatesOverheadPercent: +((100 * recordMs) / (settleMs - recordMs)).toFixed(1),
          predictionsPerSecond: Math.round(result.settled / (settleMs / 1000)),
          msPerBatch: +(settleMs / Math.max(result.batches, 1)).toFixed(1),
          setupSeconds: +(setupMs / 1000).toFixed(2),
          integrityCheckSeconds:
            process.env.BENCH_INTEGRITY === "1"
              ? +(checkMs / 1000).toFixed(2)
              : "skipped (BENCH_INTEGRITY=1)",
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
    await database.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
