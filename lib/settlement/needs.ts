import "server-only";
/**
 * What settlement still needs, asked of the domains that own the data: the jobs ask these
 * instead of reading other domains' tables themselves.
 */
import type { Database } from "@/db/client";
import type { DayString } from "@/lib/calendar";
import { daysWithOpenCalls, pendingCallsBySymbol } from "@/lib/predictions/queries";
import { sessionsNotSettled } from "@/lib/sessions/status";
import { getUniverse } from "@/lib/universe/universe";

/** The closes a day's EOD step collects: its universe plus any symbol with a pending call (a universe can change after calls). */
export async function symbolsToCollect(db: Database, tradingDay: DayString): Promise<string[]> {
  const symbols = new Set((await getUniverse(db, tradingDay)).map((u) => u.symbol));
  for (const symbol of (await pendingCallsBySymbol(db, tradingDay)).keys()) symbols.add(symbol);
  return [...symbols];
}

/**
 * Days in [from, to] settlement has not finished: a session not SETTLED, or calls still
 * PENDING; `to` (the latest final day) whenever it was played at all, so a duplicate delivery
 * meets that day's recorded run and gets its answer. Sorted, without duplicates.
 */
export async function daysAwaitingSettlement(
  db: Database,
  input: { from: DayString; to: DayString },
): Promise<DayString[]> {
  const days = new Set([...(await sessionsNotSettled(db, input)), ...(await daysWithOpenCalls(db, input))]);
  return [...days].sort();
}
