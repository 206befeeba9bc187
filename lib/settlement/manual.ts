import "server-only";
/**
 * Manual settlement of one symbol with an admin-given close (a halted symbol, a provider
 * outage, a wrong vendor close caught before settlement). The close is stored as a manual
 * EOD close and the symbol's PENDING calls go through exactly the same batches as the
 * automatic run, so they pay exactly the same.
 */
import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { predictions, universeEntries } from "@/db/schema";
import type { DayString } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { setManualClose, type StoredEod } from "@/lib/prices";
import { assertSettleableDay, assertUniverse, runSettlement, type SettleDayResult } from "./settle-day";

export type ManualSettleInput = {
  actorId: string;
  tradingDay: DayString;
  symbol: string;
  /** A number or the decimal text of an admin form. */
  close: number | string;
  now: Date;
  batchSize?: number;
};

export type ManualSettleResult = SettleDayResult & {
  symbol: string;
  close: StoredEod;
  previousClose: StoredEod | null;
};

export async function settleSymbolManually(
  db: Database,
  input: ManualSettleInput,
): Promise<ManualSettleResult> {
  const { tradingDay, now } = input;
  assertSettleableDay(tradingDay, now);
  await assertUniverse(db, tradingDay);
  const symbol = input.symbol.trim().toUpperCase();

  const counts = await db
    .select({ status: predictions.status, n: count() })
    .from(predictions)
    .where(and(eq(predictions.tradingDay, tradingDay), eq(predictions.symbol, symbol)))
    .groupBy(predictions.status);
  const pending = counts.find((c) => c.status === "PENDING")?.n ?? 0;
  const settled = counts
    .filter((c) => c.status === "CORRECT" || c.status === "INCORRECT" || c.status === "VOID")
    .reduce((s, c) => s + c.n, 0);
  const [inUniverse] = await db
    .select({ symbol: universeEntries.symbol })
    .from(universeEntries)
    .where(and(eq(universeEntries.tradingDay, tradingDay), eq(universeEntries.symbol, symbol)))
    .limit(1);
  if (!inUniverse && pending === 0) {
    throw new AppError(
      "unprocessable:symbol_not_in_universe",
      `${symbol} is not in the universe of ${tradingDay} and has no calls to settle.`,
    );
  }
  // Settled calls are final (voided `no_close` ones included): a close that would change
  // nothing is refused rather than stored next to them.
  if (pending === 0 && settled > 0) {
    throw new AppError(
      "conflict:symbol_already_settled",
      `${symbol} on ${tradingDay} is already settled; settled calls are final.`,
      {
        details: { tradingDay, symbol, settled },
      },
    );
  }

  const stored = await setManualClose(db, {
    tradingDay,
    symbol,
    close: input.close,
    setBy: input.actorId,
    now,
    replace: true,
  });
  const result = await runSettlement(db, { tradingDay, now, symbol, batchSize: input.batchSize });
  await recordAudit(db, {
    actorId: input.actorId,
    action: "settlement.manual_symbol",
    target: `${tradingDay}:${symbol}`,
    details: {
      close: stored.stored.close,
      previousClose: stored.previous?.close ?? null,
      settled: result.settled,
      byStatus: result.byStatus,
      voidReasons: result.voidReasons,
      pointsAwarded: result.pointsAwarded,
      dayComplete: result.complete,
    },
    now: now,
  });
  return { ...result, symbol, close: stored.stored, previousClose: stored.previous };
}
