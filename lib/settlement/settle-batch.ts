import "server-only";
/**
 * One settlement batch: a handful of set-based statements in one transaction.
 *
 * 1. Lock up to `limit` PENDING calls that can be decided now (FOR UPDATE SKIP LOCKED, so
 *    two runs at once take different rows) and set their outcome in one UPDATE … RETURNING.
 * 2. For the CORRECT ones, in the same transaction: one ledger entry per call
 *    (`settle:{predictionId}`) through `postEntries`, the ledger's set-based writer (balance
 *    rows locked in user-id order, entries and balance moves in one statement, the chain checked).
 * Every step is checked; any surprise throws and rolls the whole batch back, so an award
 * exists exactly when its prediction is CORRECT (I7) and the chain holds (I1).
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "@/db/client";
import { refIds } from "@/lib/points/constants";
import { postEntries } from "@/lib/points/ledger";
import { isRetryableConflict } from "@/db/errors";
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

/** A price the rules can compare: present, not NaN (numeric accepts it), at least one cent. */
const usable = (col: SQL) => sql`(${col} is not null and ${col} <> 'NaN'::numeric and round(${col}, 2) > 0)`;
const snap = sql.raw("p.snapshot_price");
const close = sql.raw("e.close");

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

  const result: BatchResult = {
    settled: settled.length,
    byStatus: { CORRECT: 0, INCORRECT: 0, VOID: 0 },
    voidReasons: {},
    awards: 0,
    points: 0,
  };
  for (const row of settled) {
    result.byStatus[row.status] += 1;
    if (row.void_reason) result.voidReasons[row.void_reason] = (result.voidReasons[row.void_reason] ?? 0) + 1;
  }
  await scope.duringBatch?.("settled");
  const correct = settled.filter((r) => r.status === "CORRECT");
  if (correct.length > 0) {
    result.awards = await awardCorrect(tx, correct, scope.now);
    result.points = result.awards * POINTS_PER_CORRECT;
    await scope.duringBatch?.("awarded");
  }
  return result;
}

/**
 * One PREDICTION_CORRECT entry per freshly CORRECT call (`settle:{predictionId}`), written by
 * the ledger's one set-based writer; returns how many were paid. A PENDING call locked by us
 * can have no award yet, so an entry that already existed means a broken invariant.
 */
async function awardCorrect(tx: Tx, correct: SettledRow[], now: Date): Promise<number> {
  const results = await postEntries(
    tx,
    correct.map((r) => ({
      userId: r.user_id,
      amount: POINTS_PER_CORRECT,
      reason: "PREDICTION_CORRECT" as const,
      refId: refIds.settle(r.id),
      now,
    })),
  );
  const created = results.filter((r) => r.created).length;
  if (created !== correct.length)
    throw new AwardIntegrityError(`${created} awards inserted for ${correct.length} correct calls`);
  return created;
}
