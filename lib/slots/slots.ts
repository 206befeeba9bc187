import { and, eq, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "@/db/client";
import { modelOf } from "@/db/rows";
import { dailySlots } from "@/db/schema";
import { COOLDOWN_MS, INITIAL_SLOTS, settle, viewOf, type SlotState, type SlotView } from "./rules";

type Key = { userId: string; tradingDay: string };

function toState(row: typeof dailySlots.$inferSelect | undefined): SlotState {
  if (!row) return INITIAL_SLOTS;
  return {
    available: row.available,
    adSlots: row.adSlots,
    refills: row.refills,
    cooldownStartedAt: row.cooldownStartedAt,
  };
}

/**
 * Lock the player's slot row for this day (creating it on first use) for the rest of the
 * transaction. Every slot change goes through here first, so concurrent requests of one
 * player queue on one row and can never spend a slot twice.
 */
export async function lockSlots(tx: Tx, key: Key): Promise<SlotState> {
  const [row] = rowsOf<Record<string, unknown>>(await tx.execute(lockSlotsStatement(key)));
  return slotStateOf(row!);
}

/**
 * The lock as one statement (`… RETURNING *`), also run as a CTE of a caller's statement (the
 * submit of a call). `ON CONFLICT DO UPDATE` creates the row on first use and otherwise, like
 * `SELECT … FOR UPDATE`, waits for and locks the row and returns its latest committed version.
 */
export function lockSlotsStatement(key: Key): SQL {
  return sql`insert into daily_slots (user_id, trading_day) values (${key.userId}, ${key.tradingDay})
    on conflict (user_id, trading_day) do update set available = daily_slots.available
    returning *`;
}

/** The slot state of a `daily_slots` row read by a hand-written statement (SQL column names). */
export function slotStateOf(raw: Record<string, unknown>): SlotState {
  return toState(modelOf(dailySlots, raw));
}

export async function writeSlots(tx: Tx, key: Key, state: SlotState, now: Date): Promise<void> {
  await tx
    .update(dailySlots)
    .set({
      available: state.available,
      adSlots: state.adSlots,
      refills: state.refills,
      cooldownStartedAt: state.cooldownStartedAt,
      updatedAt: now,
    })
    .where(and(eq(dailySlots.userId, key.userId), eq(dailySlots.tradingDay, key.tradingDay)));
}

/**
 * `writeSlots` as one statement for a caller's CTE, applied only when `onlyIf` holds (the
 * submit of a call: only if the call was written by the same statement).
 */
export function writeSlotsStatement(key: Key, state: SlotState, now: Date, onlyIf: SQL): SQL {
  return sql`update daily_slots set available = ${state.available}, ad_slots = ${state.adSlots},
      refills = ${state.refills}, cooldown_started_at = ${state.cooldownStartedAt?.toISOString() ?? null}::timestamptz,
      updated_at = ${now.toISOString()}::timestamptz
    where user_id = ${key.userId} and trading_day = ${key.tradingDay} and ${onlyIf}
    returning 1`;
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
export async function refillSlots(
  db: Database,
  key: Key & { now: Date },
): Promise<{ slots: SlotView; added: number; refillDueAt: Date | null }> {
  return db.transaction(async (tx) => {
    const before = await lockSlots(tx, key);
    const after = settle(before, key.now);
    await writeSlots(tx, key, after, key.now);
    return {
      slots: viewOf(after, key.now),
      added: after.available - before.available,
      refillDueAt: newTimerDueAt(before, after),
    };
  });
}
