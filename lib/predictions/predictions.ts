import { and, eq } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { predictions, type Prediction } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getSessionStatus, type SessionStatus } from "@/lib/sessions/status";
import { giveBack, spend, viewOf, type SlotView } from "@/lib/slots/rules";
import { lockSlots, newTimerDueAt, writeSlots } from "@/lib/slots/slots";
import { isInUniverse } from "@/lib/universe/universe";
import { validSnapshot, type Choice, type TakeSnapshot } from "./schemas";

export type PredictionResult = { prediction: Prediction; slots: SlotView; refillDueAt: Date | null };

/** Why calls are not accepted right now, as a specific error. */
export function assertAcceptingCalls(status: SessionStatus): string {
  if (!status.tradingDay) {
    throw new AppError("conflict:no_session", `There is no session today (${status.closedReason}). The next one opens at ${status.nextOpenAt.toISOString()}.`, {
      details: { nextOpenAt: status.nextOpenAt.toISOString(), nextTradingDay: status.nextTradingDay, holiday: status.holiday },
    });
  }
  if (status.closesAt && status.now >= status.closesAt) {
    throw new AppError("conflict:past_cutoff", "Calls for this trading day closed at 23:59 KST.", {
      details: { closedAt: status.closesAt.toISOString(), nextOpenAt: status.nextOpenAt.toISOString() },
    });
  }
  if (status.opensAt && status.now < status.opensAt) {
    throw new AppError("conflict:not_open_yet", "Today's session has not opened yet.", { details: { opensAt: status.opensAt.toISOString() } });
  }
  if (!status.acceptingPredictions) {
    throw new AppError("conflict:session_closed", "Today's session is closed to new calls.", { details: { phase: status.phase } });
  }
  return status.tradingDay;
}

function snapshotColumns(s: Awaited<ReturnType<TakeSnapshot>>) {
  const v = validSnapshot(s);
  return { snapshotPrice: v ? v.price.toFixed(6) : null, snapshotAt: v?.at ?? null, snapshotSource: v?.source ?? null };
}

/**
 * Make a call. The price snapshot is fetched before the transaction (no network inside it);
 * the slot row is locked first, so however many requests race, one slot pays for one call.
 * A previously cancelled call on the same symbol is re-used (one row per user, day, symbol).
 */
export async function submitPrediction(
  db: Database,
  input: { userId: string; symbol: string; choice: Choice; now: Date; takeSnapshot: TakeSnapshot },
): Promise<PredictionResult> {
  const tradingDay = assertAcceptingCalls(await getSessionStatus(db, input.now));
  if (!(await isInUniverse(db, tradingDay, input.symbol))) {
    throw new AppError("unprocessable:symbol_not_in_universe", `${input.symbol} is not in today's universe.`);
  }
  const snap = snapshotColumns(await input.takeSnapshot(input.symbol));
  return db.transaction(async (tx) => {
    const key = { userId: input.userId, tradingDay };
    const before = await lockSlots(tx, key);
    const existing = await findOwn(tx, input.userId, tradingDay, input.symbol);
    if (existing && existing.status !== "CANCELLED") {
      throw new AppError("conflict:already_predicted", `You have already called ${input.symbol} today. Change or cancel that call instead.`, {
        details: { predictionId: existing.id },
      });
    }
    const after = spend(before, input.now);
    if (!after) {
      const view = viewOf(before, input.now);
      throw new AppError("conflict:no_slot", "No slot left. Watch an ad or wait for the next refill.", {
        details: { nextRefillAt: view.nextRefillAt?.toISOString() ?? null, adSlotsLeft: view.adSlotsLeft },
      });
    }
    const values = { choice: input.choice, status: "PENDING" as const, ...snap, updatedAt: input.now, cancelledAt: null };
    const [prediction] = existing
      ? await tx
          .update(predictions)
          .set(values)
          .where(and(eq(predictions.id, existing.id), eq(predictions.status, "CANCELLED")))
          .returning()
      : await tx
          .insert(predictions)
          .values({ userId: input.userId, tradingDay, symbol: input.symbol, createdAt: input.now, ...values })
          .onConflictDoNothing()
          .returning();
    if (!prediction) throw new AppError("conflict:already_predicted", `You have already called ${input.symbol} today.`);
    await writeSlots(tx, key, after);
    return { prediction, slots: viewOf(after, input.now), refillDueAt: newTimerDueAt(before, after) };
  });
}

/** Switch O ↔ X before the cutoff. A new choice takes a new snapshot; the same choice changes nothing. */
export async function changePrediction(
  db: Database,
  input: { userId: string; predictionId: string; choice: Choice; now: Date; takeSnapshot: TakeSnapshot },
): Promise<Prediction> {
  const current = await loadOwnPending(db, input.userId, input.predictionId, input.now);
  if (current.choice === input.choice) return current;
  const snap = snapshotColumns(await input.takeSnapshot(current.symbol));
  const [updated] = await db
    .update(predictions)
    .set({ choice: input.choice, ...snap, updatedAt: input.now })
    .where(and(eq(predictions.id, current.id), eq(predictions.userId, input.userId), eq(predictions.status, "PENDING")))
    .returning();
  if (!updated) throw new AppError("conflict:not_pending", "This call can no longer be changed.");
  return updated;
}

/** Cancel a pending call; its slot comes back in the same transaction. */
export async function cancelPrediction(db: Database, input: { userId: string; predictionId: string; now: Date }): Promise<PredictionResult> {
  const current = await loadOwnPending(db, input.userId, input.predictionId, input.now);
  return db.transaction(async (tx) => {
    const key = { userId: input.userId, tradingDay: current.tradingDay };
    const before = await lockSlots(tx, key);
    const [cancelled] = await tx
      .update(predictions)
      .set({ status: "CANCELLED", cancelledAt: input.now, updatedAt: input.now })
      .where(and(eq(predictions.id, current.id), eq(predictions.userId, input.userId), eq(predictions.status, "PENDING")))
      .returning();
    if (!cancelled) throw new AppError("conflict:not_pending", "This call is no longer pending.");
    const after = giveBack(before, input.now);
    await writeSlots(tx, key, after);
    return { prediction: cancelled, slots: viewOf(after, input.now), refillDueAt: newTimerDueAt(before, after) };
  });
}

async function findOwn(tx: Tx, userId: string, tradingDay: string, symbol: string) {
  const [row] = await tx
    .select()
    .from(predictions)
    .where(and(eq(predictions.userId, userId), eq(predictions.tradingDay, tradingDay), eq(predictions.symbol, symbol)))
    .for("update");
  return row;
}

async function loadOwnPending(db: Database, userId: string, predictionId: string, now: Date): Promise<Prediction> {
  const [row] = await db.select().from(predictions).where(eq(predictions.id, predictionId)).limit(1);
  if (!row) throw new AppError("not_found:prediction", "This call does not exist.");
  if (row.userId !== userId) throw new AppError("forbidden:not_your_prediction", "This call belongs to another player.");
  const status = await getSessionStatus(db, now);
  if (status.tradingDay !== row.tradingDay) {
    throw new AppError("conflict:past_cutoff", "Calls of a past trading day can no longer be changed.");
  }
  assertAcceptingCalls(status);
  if (row.status !== "PENDING") throw new AppError("conflict:not_pending", `This call is ${row.status.toLowerCase()} and can no longer be changed.`);
  return row;
}

