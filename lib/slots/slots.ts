import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { dailySlots } from "@/db/schema";
import { COOLDOWN_MS, INITIAL_SLOTS, settle, viewOf, type SlotState, type SlotView } from "./rules";

type Key = { userId: string; tradingDay: string };

function toState(row: typeof dailySlots.$inferSelect | undefined): SlotState {
  if (!row) return INITIAL_SLOTS;
  return { available: row.available, adSlots: row.adSlots, refills: row.refills, cooldownStartedAt: row.cooldownStartedAt };
}

/**
 * Lock the player's slot row for this day (creating it on first use) for the rest of the
 * transaction. Every slot change goes through here first, so concurrent requests of one
 * player queue on one row and can never spend a slot twice.
 */
export async function lockSlots(tx: Tx, key: Key): Promise<SlotState> {
  await tx.insert(dailySlots).values({ userId: key.userId, tradingDay: key.tradingDay }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(dailySlots)
    .where(and(eq(dailySlots.userId, key.userId), eq(dailySlots.tradingDay, key.tradingDay)))
    .for("update");
  return toState(row);
}

export async function writeSlots(tx: Tx, key: Key, state: SlotState): Promise<void> {
  await tx
    .update(dailySlots)
    .set({
      available: state.available,
      adSlots: state.adSlots,
      refills: state.refills,
      cooldownStartedAt: state.cooldownStartedAt,
      updatedAt: sql`now()`,
    })
    .where(and(eq(dailySlots.userId, key.userId), eq(dailySlots.tradingDay, key.tradingDay)));
}

/** When a change starts a new cooldown timer, the instant its refill is due (for a callback). */
export function newTimerDueAt(before: SlotState, after: SlotState): Date | null {
  if (!after.cooldownStartedAt) return null;
  if (before.cooldownStartedAt?.getTime() === after.cooldownStartedAt.getTime()) return null;
  return new Date(after.cooldownStartedAt.getTime() + COOLDOWN_MS);
}

/** Read-only view with refills applied lazily (no write needed for it to be right). */
export async function getSlotView(db: Database, key: Key & { now: Date }): Promise<SlotView> {
  const [row] = await db
    .select()
    .from(dailySlots)
    .where(and(eq(dailySlots.userId, key.userId), eq(dailySlots.tradingDay, key.tradingDay)))
    .limit(1);
  return viewOf(toState(row), key.now);
}

/**
 * The cooldown callback: persist whatever refills are due by `now`. Running it late, twice
 * or concurrently gives the same state as running it once on time.
 */
export async function refillSlots(db: Database, key: Key & { now: Date }): Promise<{ slots: SlotView; added: number; refillDueAt: Date | null }> {
  return db.transaction(async (tx) => {
    const before = await lockSlots(tx, key);
    const after = settle(before, key.now);
    await writeSlots(tx, key, after);
    return { slots: viewOf(after, key.now), added: after.available - before.available, refillDueAt: newTimerDueAt(before, after) };
  });
}
