import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";

export type IntegrityProblem = { check: string; detail: string };

type Check = {
  name: string;
  query: ReturnType<typeof sql>;
  describe: (row: Record<string, unknown>) => string;
};

/**
 * The invariants of TESTPLAN (I1–I7) as queries that return offending rows. The daily
 * integrity job and every integration test run the same list.
 */
const CHECKS: Check[] = [
  {
    name: "I1 balance equals ledger sum",
    query: sql`select b.user_id, b.balance, coalesce(l.total, 0)::int as total
      from points_balances b left join (select user_id, sum(amount) as total from points_ledger group by user_id) l
        on l.user_id = b.user_id
      where b.balance <> coalesce(l.total, 0)
      union all
      select l.user_id, null, l.total::int from (select user_id, sum(amount) as total from points_ledger group by user_id) l
      where not exists (select 1 from points_balances b where b.user_id = l.user_id)`,
    describe: (r) => `user ${r.user_id}: balance ${r.balance} but ledger sums to ${r.total}`,
  },
  {
    name: "I1 ledger balance_after chain",
    query: sql`select user_id, id, balance_after, running::int from (
        select user_id, id, balance_after, sum(amount) over (partition by user_id order by id) as running
        from points_ledger) x where balance_after <> running`,
    describe: (r) =>
      `ledger row ${r.id} of ${r.user_id}: balance_after ${r.balance_after}, running sum ${r.running}`,
  },
  {
    name: "I3 no negative balance",
    query: sql`select user_id, balance from points_balances where balance < 0`,
    describe: (r) => `user ${r.user_id} has balance ${r.balance}`,
  },
  {
    name: "I7 every CORRECT prediction has exactly one award",
    query: sql`select p.id, p.status, count(l.id)::int as awards
      from predictions p left join points_ledger l on l.ref_id = 'settle:' || p.id::text
      group by p.id, p.status
      having (p.status = 'CORRECT' and count(l.id) <> 1) or (p.status <> 'CORRECT' and count(l.id) > 0)`,
    describe: (r) => `prediction ${r.id} (${r.status}) has ${r.awards} awards`,
  },
  {
    name: "I7 awards match predictions",
    query: sql`select l.ref_id from points_ledger l
      where l.reason = 'PREDICTION_CORRECT'
        and not exists (select 1 from predictions p where 'settle:' || p.id::text = l.ref_id and p.status = 'CORRECT')`,
    describe: (r) => `award ${r.ref_id} has no CORRECT prediction`,
  },
  {
    name: "I5 stock total equals stock plus live redemptions",
    query: sql`select i.sku, i.stock, i.stock_total, count(r.id)::int as live
      from reward_items i left join redemptions r on r.item_id = i.id and r.status in ('PENDING', 'ISSUED')
      group by i.id having i.stock_total <> i.stock + count(r.id)`,
    describe: (r) => `item ${r.sku}: total ${r.stock_total} ≠ stock ${r.stock} + live ${r.live}`,
  },
  {
    name: "I4 every redemption has its debit, and a refund exactly when it was given back",
    query: sql`select r.id, r.status,
        (select count(*) from points_ledger l where l.ref_id = 'redeem:' || r.id::text)::int as debits,
        (select count(*) from points_ledger l where l.ref_id = 'refund:' || r.id::text)::int as refunds
      from redemptions r
      where (select count(*) from points_ledger l where l.ref_id = 'redeem:' || r.id::text) <> 1
         or (select count(*) from points_ledger l where l.ref_id = 'refund:' || r.id::text)
            <> (case when r.status in ('FAILED', 'CANCELLED') then 1 else 0 end)`,
    describe: (r) => `redemption ${r.id} (${r.status}): ${r.debits} debits, ${r.refunds} refunds`,
  },
  {
    name: "I6 slots within bounds",
    query: sql`select user_id, trading_day, available, ad_slots from daily_slots
      where available not between 0 and 10 or ad_slots not between 0 and 7`,
    describe: (r) => `slots of ${r.user_id} on ${r.trading_day}: available ${r.available}, ads ${r.ad_slots}`,
  },
  {
    name: "I6 ad slots equal completed ads",
    query: sql`select s.user_id, s.trading_day, s.ad_slots, count(a.id)::int as completed
      from daily_slots s left join ad_views a
        on a.user_id = s.user_id and a.trading_day = s.trading_day and a.status = 'COMPLETED'
      group by s.user_id, s.trading_day, s.ad_slots having s.ad_slots <> count(a.id)`,
    describe: (r) =>
      `slots of ${r.user_id} on ${r.trading_day}: ${r.ad_slots} ad slots for ${r.completed} completed ads`,
  },
];

export async function runIntegrityChecks(
  db: Database,
  opts: { limitPerCheck?: number } = {},
): Promise<IntegrityProblem[]> {
  const limit = opts.limitPerCheck ?? 20;
  const problems: IntegrityProblem[] = [];
  for (const check of CHECKS) {
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select * from (${check.query}) q limit ${limit}`),
    );
    for (const row of rows) problems.push({ check: check.name, detail: check.describe(row) });
  }
  return problems;
}
