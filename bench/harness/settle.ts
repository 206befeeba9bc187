/**
 * Settling a day against its floor: the app's `settleTradingDay` on one database, and one
 * bare `UPDATE predictions … FROM eod_prices` that decides the same calls (no ledger, no
 * balances, no notices) on a byte-for-byte copy of it, in the same run.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { migrateDb, openDb, type Database } from "@/db/client";
import { settlementDueAt } from "@/lib/calendar";
import { settleTradingDay } from "@/lib/settlement";
import { upsertUniverse } from "@/lib/universe";
import { createDatabase } from "./app";

export const SETTLE_DAY = "2026-11-24";
const PER_PLAYER = 5;
const SYMBOLS = 100;

/** `total` PENDING calls of total/5 players on 100 symbols, their EOD closes, signup balances. */
export async function seedSettlementDay(db: Database, total: number): Promise<{ players: number }> {
  const players = Math.ceil(total / PER_PLAYER);
  const symbols = Array.from({ length: SYMBOLS }, (_, i) => `B${String(i).padStart(3, "0")}`);
  await upsertUniverse(db, { tradingDay: SETTLE_DAY, symbols });
  await db.execute(
    sql`insert into users (nickname) select 'bench-' || g from generate_series(1, ${players}::int) g`,
  );
  await db.execute(sql`insert into points_balances (user_id, balance) select id, 1000 from users`);
  await db.execute(sql`insert into points_ledger (ref_id, user_id, amount, reason, balance_after)
    select 'signup:' || id, id, 1000, 'SIGNUP_BONUS', 1000 from users order by id`);
  // Player k calls symbols k..k+4 (mod 100), alternating UP/DOWN; snapshots around 100.
  await db.execute(sql`
    insert into predictions (user_id, trading_day, symbol, choice, snapshot_price, snapshot_at, snapshot_source)
    select u.id, ${SETTLE_DAY}::date, 'B' || lpad(((u.n + j) % ${SYMBOLS}::int)::text, 3, '0'),
      (case when (u.n + j) % 2 = 0 then 'UP' else 'DOWN' end)::prediction_choice,
      100 + ((u.n * 7 + j * 13) % 200 - 100) / 100.0, ${`${SETTLE_DAY}T03:00:00Z`}::timestamptz, 'simulated'
    from (select id, row_number() over (order by id) as n from users) u, generate_series(0, ${PER_PLAYER - 1}::int) j
    limit ${total}::int`);
  await db.execute(sql`insert into eod_prices (trading_day, symbol, close, source)
    select ${SETTLE_DAY}::date, s, 100 + (row_number() over (order by s) % 7 - 3) / 2.0, 'simulated' from unnest(${`{${symbols.join(",")}}`}::text[]) s`);
  await db.execute(sql`analyze`);
  return { players };
}

export const settleAt = () => new Date(settlementDueAt(SETTLE_DAY).getTime() + 60_000);

/** The floor: every PENDING call of the day decided by one statement, as settlement decides it. */
async function bareUpdate(db: Database): Promise<number> {
  const t0 = performance.now();
  await db.execute(sql`
    update predictions p set
      status = (case when e.close = p.snapshot_price then 'VOID'
                     when (p.choice = 'UP') = (e.close > p.snapshot_price) then 'CORRECT'
                     else 'INCORRECT' end)::prediction_status,
      void_reason = case when e.close = p.snapshot_price then 'flat' end,
      points_awarded = case when e.close <> p.snapshot_price and (p.choice = 'UP') = (e.close > p.snapshot_price)
                            then 50 else 0 end,
      close_price = e.close,
      settled_at = ${settleAt().toISOString()}::timestamptz,
      updated_at = ${settleAt().toISOString()}::timestamptz
    from eod_prices e
    where e.trading_day = p.trading_day and e.symbol = p.symbol
      and p.trading_day = ${SETTLE_DAY}::date and p.status = 'PENDING'`);
  return (performance.now() - t0) / 1000;
}

export type SettleFigure = { calls: number; seconds: number; bareSeconds: number; ratio: number };

export async function settleFigure(total: number, log: (s: string) => void): Promise<SettleFigure> {
  const database = await createDatabase("oxu_bench_settle");
  try {
    let handle = database.open(4);
    await migrateDb(handle);
    log(`  seeding ${total.toLocaleString("en")} calls…`);
    await seedSettlementDay(handle.db, total);
    await handle.close();
    const bareUrl = await database.copy("bare");
    handle = database.open(4);
    const bare = openDb({ url: bareUrl, poolSize: 1, timeouts: { statementMs: 0, silenceMs: 0 } });
    try {
      // The floor first, then the app, each on its own copy of the same rows.
      const bareSeconds = await bareUpdate(bare.db);
      const t0 = performance.now();
      const r = await settleTradingDay(handle.db, { tradingDay: SETTLE_DAY, now: settleAt() });
      const seconds = (performance.now() - t0) / 1000;
      if (!r.complete || r.settled !== total) throw new Error(`settled ${r.settled} of ${total}`);
      return { calls: total, seconds, bareSeconds, ratio: seconds / bareSeconds };
    } finally {
      await bare.close();
      await handle.close();
    }
  } finally {
    await database.drop();
  }
}
