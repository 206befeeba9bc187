import "server-only";
import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/ops/audit";
import { universeTradingDay, upsertUniverse } from "@/lib/universe";

/**
 * Replace a trading day's universe (an empty or missing list means the default list), audited
 * in the same transaction as the change.
 */
export async function adminUpsertUniverse(
  db: Database,
  input: { actorId: string; now: Date; tradingDay: string; symbols?: string[] },
) {
  const tradingDay = universeTradingDay(input.tradingDay);
  const counts = await db.transaction(async (tx) => {
    const upserted = await upsertUniverse(tx, { tradingDay, symbols: input.symbols, now: input.now });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "universe.upsert",
      target: tradingDay,
      details: { ...upserted, now: input.now.toISOString() },
      now: input.now,
    });
    return upserted;
  });
  return { tradingDay, ...counts };
}
