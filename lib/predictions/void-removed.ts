import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { predictions } from "@/db/schema";
import { notifyMany } from "@/lib/notifications/notify";
import { giveBack } from "@/lib/slots/rules";
import { lockSlots, writeSlots } from "@/lib/slots/slots";

/** The VOID reason of a pending call whose symbol an admin took out of the day's universe. */
export const REMOVED_FROM_UNIVERSE = "removed_from_universe";

/** The notification a player gets for calls voided that way (one per player and edit). */
export const CALL_VOIDED_KIND = "calls_voided";

/** How many pending calls of `tradingDay` are on `symbols` (what a removal would void). */
export async function pendingCallsOn(
  tx: Tx,
  tradingDay: string,
  symbols: readonly string[],
): Promise<number> {
  if (symbols.length === 0) return 0;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(predictions)
    .where(
      and(
        eq(predictions.tradingDay, tradingDay),
        inArray(predictions.symbol, [...symbols]),
        eq(predictions.status, "PENDING"),
      ),
    );
  return row?.n ?? 0;
}

/**
 * VOID (`removed_from_universe`) every pending call of `tradingDay` on `symbols`, give each call's
 * slot back and tell each player once, all in the caller's transaction (the universe edit).
 * Slot rows are locked first, in player order, as a call's own submit and cancel do, so a
 * player acting at the same moment waits instead of deadlocking. Returns the calls voided.
 */
export async function voidCallsOfRemovedSymbols(
  tx: Tx,
  input: { tradingDay: string; symbols: readonly string[]; now: Date },
): Promise<{ voided: number; players: number }> {
  if (input.symbols.length === 0) return { voided: 0, players: 0 };
  const onRemoved = and(
    eq(predictions.tradingDay, input.tradingDay),
    inArray(predictions.symbol, [...input.symbols]),
    eq(predictions.status, "PENDING"),
  );
  const owners = await tx
    .selectDistinct({ userId: predictions.userId })
    .from(predictions)
    .where(onRemoved)
    .orderBy(asc(predictions.userId));
  const slots = new Map<string, Awaited<ReturnType<typeof lockSlots>>>();
  for (const { userId } of owners)
    slots.set(userId, await lockSlots(tx, { userId, tradingDay: input.tradingDay }));

  const voided = await tx
    .update(predictions)
    .set({
      status: "VOID",
      voidReason: REMOVED_FROM_UNIVERSE,
      settledAt: input.now,
      updatedAt: input.now,
    })
    .where(onRemoved)
    .returning({ userId: predictions.userId, symbol: predictions.symbol });

  const byPlayer = new Map<string, string[]>();
  for (const v of voided) byPlayer.set(v.userId, [...(byPlayer.get(v.userId) ?? []), v.symbol]);
  for (const [userId, symbols] of byPlayer) {
    const key = { userId, tradingDay: input.tradingDay };
    // A call placed after the owners were read (rare) has its slot row locked here.
    let state = slots.get(userId) ?? (await lockSlots(tx, key));
    for (let i = 0; i < symbols.length; i++) state = giveBack(state, input.now);
    await writeSlots(tx, key, state, input.now);
  }
  await notifyMany(
    tx,
    [...byPlayer].map(([userId, symbols]) => ({
      userId,
      kind: CALL_VOIDED_KIND,
      payload: { tradingDay: input.tradingDay, symbols: symbols.sort(), reason: REMOVED_FROM_UNIVERSE },
      now: input.now,
    })),
  );
  return { voided: voided.length, players: byPlayer.size };
}
