import "server-only";
/**
 * Settle a trading day (SPEC §5): preconditions, phase moves, bounded batches until nothing
 * decidable is left, then SETTLED and one notification per player once no call is pending.
 * Idempotent and resumable: every batch commits on its own and only ever touches PENDING
 * rows, so a re-run, a crash half-way or two runs at once end in the same state.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { marketOpenAt, parseTradingDay, settlementDueAt, type DayString } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordDayResults } from "@/lib/loop/record-day";
import { notifyManyFrom } from "@/lib/notifications/notify";
import { pendingCallsBySymbol } from "@/lib/predictions/queries";
import { storedCloseCount } from "@/lib/prices/eod-store";
import { advancePhase, closeSession } from "@/lib/sessions/transitions";
import { forgetStoredPhase, storedPhase, type SessionPhase } from "@/lib/sessions/status";
import { universeSize } from "@/lib/universe/universe";
import { DEFAULT_BATCH_SIZE, noCloseDeadlineAt, type SettledStatus, type VoidReason } from "./rules";
import { settleBatch, type BatchResult } from "./settle-batch";

export type SettleHooks = {
  /** Called after each committed batch (tests inject a crash here). */
  afterBatch?: (info: { batch: number; settled: number }) => void | Promise<void>;
  /** Called inside each batch's transaction, after the outcomes and after the awards. */
  duringBatch?: (stage: "settled" | "awarded") => void | Promise<void>;
  /** Calls settled so far by this run of the day's calls pending at its start (first with 0). */
  progress?: (done: number, total: number) => Promise<void>;
};

export type SettleDayInput = { tradingDay: DayString; now: Date; batchSize?: number; hooks?: SettleHooks };

export type SettleDayResult = {
  tradingDay: DayString;
  /** No call of the day is PENDING any more (the session is SETTLED). */
  complete: boolean;
  phase: SessionPhase | null;
  /** What this run did. */
  batches: number;
  settled: number;
  byStatus: Record<SettledStatus, number>;
  voidReasons: Partial<Record<VoidReason, number>>;
  awards: number;
  pointsAwarded: number;
  /** What is left: calls still PENDING (normally waiting for a close; or held by a concurrent run), by symbol, and until when a close may come. */
  pending: number;
  waitingForClose: string[];
  noCloseDeadline: string;
  notified: number;
};

const settleLog = log.child({ module: "settlement" });

/** A NYSE trading day whose close is final at `now`, or the specific reason why not. */
export function assertSettleableDay(tradingDay: DayString, now: Date): void {
  parseTradingDay(tradingDay, { reason: "there is nothing to settle" });
  const finalAt = settlementDueAt(tradingDay);
  if (now.getTime() < finalAt.getTime()) {
    throw new AppError(
      "conflict:not_final",
      `The close of ${tradingDay} is final from ${finalAt.toISOString()}; settle it after that.`,
      {
        details: { tradingDay, finalAt: finalAt.toISOString() },
      },
    );
  }
}

export async function assertUniverse(db: Database, tradingDay: DayString): Promise<void> {
  if ((await universeSize(db, tradingDay)) === 0) {
    throw new AppError(
      "conflict:universe_missing",
      `${tradingDay} has no universe. Select the universe for that day first (run the select-universe job or upsert it in admin → universe).`,
      {
        details: { tradingDay, runFirst: "select-universe" },
      },
    );
  }
}

async function assertEod(db: Database, tradingDay: DayString): Promise<void> {
  if ((await storedCloseCount(db, tradingDay)) === 0) {
    throw new AppError(
      "conflict:eod_missing",
      `${tradingDay} has no closing prices yet. Collect the EOD closes first (run the collect-eod job or backfill EOD in admin → prices).`,
      {
        details: { tradingDay, runFirst: "collect-eod" },
      },
    );
  }
}

/** A day that can be settled now: final, with a universe and closes; else a 409 naming the step to run first. */
export async function assertReadyToSettle(db: Database, tradingDay: DayString, now: Date): Promise<void> {
  assertSettleableDay(tradingDay, now);
  await assertUniverse(db, tradingDay);
  await assertEod(db, tradingDay);
}

export async function settleTradingDay(db: Database, input: SettleDayInput): Promise<SettleDayResult> {
  const { tradingDay, now } = input;
  await assertReadyToSettle(db, tradingDay, now);
  return runSettlement(db, { tradingDay, now, batchSize: input.batchSize, hooks: input.hooks });
}

/** The engine shared by the automatic run and manual settlement of one symbol. */
export async function runSettlement(
  db: Database,
  input: SettleDayInput & { symbol?: string },
): Promise<SettleDayResult> {
  const { tradingDay, now } = input;
  const limit = Math.max(1, Math.trunc(input.batchSize ?? DEFAULT_BATCH_SIZE));
  await closeSession(db, { tradingDay, now });
  await advancePhase(db, { tradingDay, from: "CLOSED", to: "SETTLING", now });

  const deadline = noCloseDeadlineAt(tradingDay);
  const scope = {
    tradingDay,
    symbol: input.symbol,
    now,
    marketOpenAt: marketOpenAt(tradingDay),
    pastNoCloseDeadline: now.getTime() >= deadline.getTime(),
    limit,
    duringBatch: input.hooks?.duringBatch,
  };
  const total: BatchResult = {
    settled: 0,
    byStatus: { CORRECT: 0, INCORRECT: 0, VOID: 0 },
    voidReasons: {},
    awards: 0,
    points: 0,
  };
  let batches = 0;
  const progress = input.hooks?.progress;
  const toSettle = progress ? sumOf(await pendingCallsBySymbol(db, tradingDay)) : 0;
  await progress?.(0, toSettle);
  for (;;) {
    const r = await settleBatch(db, scope);
    if (r.settled === 0) break;
    batches += 1;
    addInto(total, r);
    await input.hooks?.afterBatch?.({ batch: batches, settled: r.settled });
    await progress?.(Math.min(total.settled, toSettle), toSettle);
    if (r.settled < limit) break;
  }

  const waiting = await pendingCallsBySymbol(db, tradingDay);
  const pending = sumOf(waiting);
  let phase: SessionPhase | null;
  let notified = 0;
  if (pending === 0) {
    // The daily loop's aggregates and streaks (lib/loop), recomputed for the day so a re-run changes
    // nothing, commit with SETTLED: a settled day always has its results, and a failure leaves the
    // day SETTLING for the next run.
    phase = await db.transaction(async (tx) => {
      await recordDayResults(tx, { tradingDay, now });
      return (await advancePhase(tx, { tradingDay, from: "SETTLING", to: "SETTLED", now })).phase;
    });
    forgetStoredPhase(tradingDay);
    notified = await notifyDaySettled(db, tradingDay, now);
  } else {
    phase = await storedPhase(db, tradingDay);
  }
  const result: SettleDayResult = {
    tradingDay,
    complete: pending === 0,
    phase,
    batches,
    settled: total.settled,
    byStatus: total.byStatus,
    voidReasons: total.voidReasons,
    awards: total.awards,
    pointsAwarded: total.points,
    pending,
    waitingForClose: [...waiting.keys()],
    noCloseDeadline: deadline.toISOString(),
    notified,
  };
  settleLog.info({ ...result, waitingForClose: result.waitingForClose.slice(0, 20) }, "settlement run");
  return result;
}

function addInto(total: BatchResult, r: BatchResult): void {
  total.settled += r.settled;
  total.awards += r.awards;
  total.points += r.points;
  for (const k of Object.keys(r.byStatus) as SettledStatus[]) total.byStatus[k] += r.byStatus[k];
  for (const [k, v] of Object.entries(r.voidReasons) as [VoidReason, number][])
    total.voidReasons[k] = (total.voidReasons[k] ?? 0) + v;
}

/**
 * One "settlement" notification per player and day (dedupe key `settlement:{day}:{user}`),
 * written set-based through `notifyManyFrom` once the whole day is decided, so the counts in it are final.
 */
async function notifyDaySettled(db: Database, tradingDay: DayString, now: Date): Promise<number> {
  const { created } = await notifyManyFrom(db, {
    kind: "settlement",
    now,
    rows: sql`
      select user_id,
        jsonb_build_object(
          'tradingDay', ${tradingDay}::text,
          'correct', count(*) filter (where status = 'CORRECT'),
          'incorrect', count(*) filter (where status = 'INCORRECT'),
          'void', count(*) filter (where status = 'VOID'),
          'points', coalesce(sum(points_awarded), 0)) as payload,
        'settlement:' || ${tradingDay}::text || ':' || user_id::text as dedupe_key
      from predictions
      where trading_day = ${tradingDay} and status in ('CORRECT', 'INCORRECT', 'VOID')
      group by user_id`,
  });
  return created;
}

const sumOf = (counts: Map<string, number>) => [...counts.values()].reduce((s, n) => s + n, 0);
