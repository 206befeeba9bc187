import "server-only";
/**
 * The EOD step of a trading day: collect its official closes (resumable), settle what can be
 * settled, and report "incomplete" while calls still wait for a close, so the step is run
 * again until the data is complete or the `no_close` deadline voids the rest.
 */
import { settlementDueAt, type DayString } from "@/lib/calendar";
import { collectEod } from "@/lib/prices";
import { settleTradingDay, symbolsToCollect, type SettleDayResult } from "@/lib/settlement";
import { raiseAdminAlert } from "./alerts";
import type { RunContext } from "./types";
import { done, incomplete, type JobOutcome, type JobResult } from "./run-job";

/** Operators hear about closes still missing this long after they became due. */
export const EOD_LATE_ALERT_MS = 2 * 3_600_000;

function settlementResult(s: SettleDayResult): JobResult {
  return {
    complete: s.complete,
    phase: s.phase,
    settled: s.settled,
    byStatus: s.byStatus,
    voidReasons: s.voidReasons,
    awards: s.awards,
    pointsAwarded: s.pointsAwarded,
    pending: s.pending,
    waitingForClose: s.waitingForClose,
    noCloseDeadline: s.noCloseDeadline,
  };
}

async function outcomeOf(
  ctx: RunContext,
  day: DayString,
  s: SettleDayResult,
  extra: JobResult,
): Promise<JobOutcome> {
  const result = { tradingDay: day, ...extra, settlement: settlementResult(s) };
  if (s.complete) return done(result);
  if (ctx.now.getTime() - settlementDueAt(day).getTime() >= EOD_LATE_ALERT_MS) {
    await raiseAdminAlert(ctx.db, {
      kind: "eod_pending",
      severity: "warning",
      message: `${day}: ${s.pending} call(s) still wait for a close of ${s.waitingForClose.join(", ")}. Set the close manually if the symbol is halted; otherwise they are void (no_close) after ${s.noCloseDeadline}.`,
      details: {
        tradingDay: day,
        waitingForClose: s.waitingForClose,
        pending: s.pending,
        noCloseDeadline: s.noCloseDeadline,
      },
      dedupeKey: `eod_pending:${day}`,
      now: ctx.now,
    });
  }
  return incomplete(
    `${s.pending} call(s) wait for a close of ${s.waitingForClose.slice(0, 10).join(", ")}`,
    result,
  );
}

/** The settlement's progress as the run's: calls settled of those pending at the start. */
function progressOf({ progress }: RunContext) {
  return progress
    ? { progress: (done: number, total: number) => progress({ done, total, unit: "calls" as const }) }
    : undefined;
}

export async function collectAndSettle(ctx: RunContext, day: DayString): Promise<JobOutcome> {
  const { db, now } = ctx;
  const symbols = await symbolsToCollect(db, day);
  const collected = symbols.length
    ? await collectEod(db, ctx.deps.priceProvider, { tradingDay: day, symbols, now })
    : { stored: [], alreadyStored: [], pending: [] };
  const settled = await settleTradingDay(db, { tradingDay: day, now, hooks: progressOf(ctx) });
  return outcomeOf(ctx, day, settled, {
    eod: {
      stored: collected.stored.length,
      alreadyStored: collected.alreadyStored.length,
      pending: collected.pending.map((p) => p.symbol).slice(0, 50),
    },
  });
}

export async function settleOnly(ctx: RunContext, day: DayString): Promise<JobOutcome> {
  const settled = await settleTradingDay(ctx.db, { tradingDay: day, now: ctx.now, hooks: progressOf(ctx) });
  return outcomeOf(ctx, day, settled, {});
}
