import "server-only";
/**
 * One settlement batch: a handful of set-based statements in one transaction.
 *
 * 1. Lock up to `limit` PENDING calls that can be decided now (FOR UPDATE SKIP LOCKED, so
 *    two runs at once take different rows) and set their outcome in one UPDATE … RETURNING.
 * 2. For the CORRECT ones, in the same transaction: lock the players' balance rows in
 *    user-id order, append one ledger row per call (`settle:{predictionId}`, ON CONFLICT DO
 *    NOTHING) with `balance_after` computed by a window sum in the order the ids are
 *    assigned, and move each balance by what was actually inserted.
 * Every step's RETURNING is checked; any surprise throws and rolls the whole batch back, so
 * an award exists exactly when its prediction is CORRECT (I7) and the chain holds (I1).
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "@/db/client";
import { isRetryableConflict } from "@/lib/points/pg-error";
import { POINTS_PER_CORRECT, type SettledStatus, type VoidReason } from "./rules";

export type BatchScope = {
  tradingDay: string;
  /** Only this symbol (manual settlement); all symbols otherwise. */
  symbol?: string;
  now: Date;
  /** Calls whose snapshot predates this instant are void when a corporate action took effect. */
  marketOpenAt: Date;
  /** Past the `no_close` deadline: a symbol still without a close is decided (VOID). */
  pastNoCloseDeadline: boolean;
  limit: number;
  /** Test hook inside the batch transaction: a throw here must undo the whole batch. */
  duringBatch?: (stage: "settled" | "awarded") => void | Promise<void>;
};

export type BatchResult = {
  settled: number;
  byStatus: Record<SettledStatus, number>;
  voidReasons: Partial<Record<VoidReason, number>>;
  awards: number;
  points: number;
};

type SettledRow = { id: string; user_id: string; status: SettledStatus; void_reason: VoidReason | null };
type LedgerRow = { id: string; user_id: string; balance_after: number };

/** A price the rules can compare: present, not NaN (numeric accepts it), at least one cent. */
const usable = (col: SQL) => sql`(${col} is not null and ${col} <> 'NaN'::numeric and round(${col}, 2) > 0)`;
const snap = sql.raw("p.snapshot_price");
const close = sql.raw("e.close");
/** Comma-joined uuids as one text parameter: the same on both drivers, no parameter limit. */
const uuidList = (ids: readonly string[]) => sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;

export class AwardIntegrityError extends Error {
  constructor(message: string) {
    super(`settlement award check failed: ${message}`);
    this.name = "AwardIntegrityError";
  }
}

/** Settle one batch in its own transaction; a deadlock or serialization failure is retried. */
export async function settleBatch(db: Database, scope: BatchScope): Promise<BatchResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => settleBatchIn(tx, scope));
    } catch (err) {
      if (attempt >= 5 || !isRetryableConflict(err)) throw err;
    }
  }
}

async function settleBatchIn(tx: Tx, scope: BatchScope): Promise<BatchResult> {
  const now = scope.now.toISOString();
  const onlySymbol = scope.symbol ? sql`and p.symbol = ${scope.symbol}` : sql``;
  const settled = rowsOf<SettledRow>(
    await tx.execute(sql`
      with batch as (
        select p.id, p.choice, round(${snap}, 2) as snap_cents, round(${close}, 2) as close_cents,
          case when e.symbol is not null and ${close} <> 'NaN'::numeric then ${close} end as close_price,
          case
            when ${snap} is null then 'no_snapshot'
            when not ${usable(snap)} then 'bad_snapshot'
            when e.symbol is null then 'no_close'
            when not ${usable(close)} then 'bad_close'
            when e.corporate_action is not null
              and (p.snapshot_at is null or p.snapshot_at < ${scope.marketOpenAt.toISOString()}::timestamptz) then 'corporate_action'
            when round(${close}, 2) = round(${snap}, 2) then 'flat'
          end as void_reason
        from predictions p
        left join eod_prices e on e.trading_day = p.trading_day and e.symbol = p.symbol
        where p.trading_day = ${scope.tradingDay} and p.status = 'PENDING' ${onlySymbol}
          and (e.symbol is not null or ${scope.pastNoCloseDeadline}::boolean or not ${usable(snap)})
        limit ${scope.limit}::int
        for update of p skip locked
      ), decided as (
        select id, void_reason, close_price,
          case
            when void_reason is not null then 'VOID'
            when (choice = 'UP' and close_cents > snap_cents) or (choice = 'DOWN' and close_cents < snap_cents) then 'CORRECT'
            else 'INCORRECT'
          end as status
        from batch
      )
      update predictions p
      set status = d.status::prediction_status,
        void_reason = d.void_reason,
        close_price = d.close_price,
        points_awarded = case when d.status = 'CORRECT' then ${POINTS_PER_CORRECT}::int else 0 end,
        settled_at = ${now}::timestamptz,
        updated_at = ${now}::timestamptz
      from decided d
      where p.id = d.id
      returning p.id::text as id, p.user_id::text as user_id, p.status::text as status, p.void_reason`),
  );

  const result: BatchResult = { settled: settled.length, byStatus: { CORRECT: 0, INCORRECT: 0, VOID: 0 }, voidReasons: {}, awards: 0, points: 0 };
  for (const row of settled) {
    result.byStatus[row.status] += 1;
    if (row.void_reason) result.voidReasons[row.void_reason] = (result.voidReasons[row.void_reason] ?? 0) + 1;
  }
  await scope.duringBatch?.("settled");
  const correct = settled.filter((r) => r.status === "CORRECT");
  if (correct.length > 0) {
    result.awards = await awardCorrect(tx, correct, now);
    result.points = result.awards * POINTS_PER_CORRECT;
    await scope.duringBatch?.("awarded");
  }
  return result;
}

/** Ledger rows and balance moves for freshly CORRECT calls; returns how many were paid. */
async function awardCorrect(tx: Tx, correct: SettledRow[], now: string): Promise<number> {
  const users = [...new Set(correct.map((r) => r.user_id))].sort();

  // Created in sorted order so two batches creating rows for the same new players queue
  // instead of deadlocking; normally the rows exist already (signup bonus).
  await tx.execute(sql`
    insert into points_balances (user_id, balance, updated_at)
    select u, 0, ${now}::timestamptz from unnest(${uuidList(users)}) as u order by u
    on conflict (user_id) do nothing`);
  const locked = rowsOf<{ user_id: string; balance: number }>(
    await tx.execute(sql`
      select user_id::text as user_id, balance from points_balances
      where user_id = any(${uuidList(users)}) order by user_id for update`),
  );
  if (locked.length !== users.length) throw new AwardIntegrityError(`locked ${locked.length} balances for ${users.length} players`);
  const before = new Map(locked.map((r) => [r.user_id, Number(r.balance)]));

  // Rows reach the insert sorted by (user, prediction id), which is also the window's order,
  // so ids and balance_after rise together for each player; verified below all the same.
  const inserted = rowsOf<LedgerRow>(
    await tx.execute(sql`
      insert into points_ledger (ref_id, user_id, amount, reason, balance_after, created_at)
      select 'settle:' || p.id::text, p.user_id, ${POINTS_PER_CORRECT}::int, 'PREDICTION_CORRECT'::ledger_reason,
        b.balance + ${POINTS_PER_CORRECT}::int * row_number() over (partition by p.user_id order by p.id),
        ${now}::timestamptz
      from predictions p join points_balances b on b.user_id = p.user_id
      where p.id = any(${uuidList(correct.map((r) => r.id))}) and p.status = 'CORRECT'
      order by p.user_id, p.id
      on conflict (ref_id) do nothing
      returning id::text as id, user_id::text as user_id, balance_after`),
  );
  // A PENDING call locked by us can have no award yet; anything else means a broken invariant.
  if (inserted.length !== correct.length) throw new AwardIntegrityError(`${inserted.length} awards inserted for ${correct.length} correct calls`);

  const added = verifyAwardChain(inserted, before);
  const moved = rowsOf<{ user_id: string; balance: number }>(
    await tx.execute(sql`
      update points_balances b set balance = b.balance + t.added, updated_at = ${now}::timestamptz
      from unnest(${uuidList([...added.keys()])}, string_to_array(${[...added.values()].join(",")}, ',')::int[]) as t(user_id, added)
      where b.user_id = t.user_id
      returning b.user_id::text as user_id, b.balance`),
  );
  if (moved.length !== added.size) throw new AwardIntegrityError(`moved ${moved.length} balances for ${added.size} players`);
  for (const row of moved) {
    const expected = before.get(row.user_id)! + added.get(row.user_id)!;
    if (Number(row.balance) !== expected) throw new AwardIntegrityError(`balance of ${row.user_id} is ${row.balance}, expected ${expected}`);
  }
  return inserted.length;
}

/**
 * Per player, in ledger-id order, each balance_after must be the previous one plus the
 * award, starting from the locked balance. Returns the points added per player.
 */
export function verifyAwardChain(rows: readonly LedgerRow[], before: ReadonlyMap<string, number>): Map<string, number> {
  const byUser = new Map<string, LedgerRow[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  const added = new Map<string, number>();
  for (const [userId, list] of byUser) {
    list.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    let running = before.get(userId);
    if (running === undefined) throw new AwardIntegrityError(`no locked balance for ${userId}`);
    for (const row of list) {
      running += POINTS_PER_CORRECT;
      if (Number(row.balance_after) !== running) {
        throw new AwardIntegrityError(`ledger row ${row.id} of ${userId} has balance_after ${row.balance_after}, expected ${running}`);
      }
    }
    added.set(userId, list.length * POINTS_PER_CORRECT);
  }
  return added;
}
