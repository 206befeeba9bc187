import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { predictions, type Prediction } from "@/db/schema";
import { SUSPENDED, suspendedError } from "@/lib/accounts/suspension";
import { AppError, isAppError } from "@/lib/errors";
import { enforceRateLimit, rateLimitedError, type RateLimitRule } from "@/lib/ratelimit/rate-limit";
import {
  cachedSessionStatus,
  deriveSessionStatus,
  getSessionStatus,
  type SessionStatus,
} from "@/lib/sessions/status";
import { giveBack, spend, viewOf, type SlotView } from "@/lib/slots/rules";
import { lockSlots, newTimerDueAt, writeSlots } from "@/lib/slots/slots";
import { isInUniverseCached } from "@/lib/universe/universe";
import { liveCallId, lockForCall, writeCall } from "./submit-sql";
import { validSnapshot, type Choice, type TakeSnapshot } from "./schemas";

export type PredictionResult = { prediction: Prediction; slots: SlotView; refillDueAt: Date | null };

/** Why calls are not accepted right now, as a specific error. */
export function assertAcceptingCalls(status: SessionStatus): string {
  if (!status.tradingDay) {
    throw new AppError(
      "conflict:no_session",
      `There is no session today (${status.closedReason}). The next one opens at ${status.nextOpenAt.toISOString()}.`,
      {
        details: {
          nextOpenAt: status.nextOpenAt.toISOString(),
          nextTradingDay: status.nextTradingDay,
          holiday: status.holiday,
        },
      },
    );
  }
  if (status.closesAt && status.now >= status.closesAt) {
    throw new AppError("conflict:past_cutoff", "Calls for this trading day closed at 23:59 KST.", {
      details: { closedAt: status.closesAt.toISOString(), nextOpenAt: status.nextOpenAt.toISOString() },
    });
  }
  if (status.opensAt && status.now < status.opensAt) {
    throw new AppError("conflict:not_open_yet", "Today's session has not opened yet.", {
      details: { opensAt: status.opensAt.toISOString() },
    });
  }
  if (!status.acceptingPredictions) {
    throw new AppError("conflict:session_closed", "Today's session is closed to new calls.", {
      details: { phase: status.phase },
    });
  }
  return status.tradingDay;
}

function snapshotColumns(s: Awaited<ReturnType<TakeSnapshot>>) {
  const v = validSnapshot(s);
  return {
    snapshotPrice: v ? v.price.toFixed(6) : null,
    snapshotAt: v?.at ?? null,
    snapshotSource: v?.source ?? null,
  };
}

/**
 * Make a call, in at most two statements inside one transaction (docs/performance.md):
 *
 * 1. the rate-limit check (when `rateLimit` is given), the player's slot row locked (created
 *    on first use), and the day's stored phase, universe membership and an existing call read
 *    again under that lock;
 * 2. the call written (a cancelled one on the same symbol is re-used: one row per user, day and
 *    symbol) and, only if it was, the slot spent.
 *
 * The session and the universe are first asked of this process's caches (a "yes" is checked
 * again in step 1, a "no" confirmed from the database), so a call for a closed day or an
 * unknown symbol never takes a snapshot. The snapshot is fetched before the transaction (no
 * network inside it). However many requests race, the slot row lock makes one slot pay for one
 * call, and the unique key makes one call per symbol. Every attempt counts against the rate
 * limit, refused ones too, as when the check ran on its own.
 */
export async function submitPrediction(
  db: Database,
  input: {
    userId: string;
    symbol: string;
    choice: Choice;
    now: Date;
    takeSnapshot: TakeSnapshot;
    rateLimit?: RateLimitRule;
  },
): Promise<PredictionResult> {
  const limit = input.rateLimit && { rule: input.rateLimit, subject: input.userId, now: input.now };
  const refuse = async (err: unknown): Promise<never> => {
    // The refusal was decided without (or rolled back with) the rate-limit check: count the attempt now.
    // A suspended player's refusal writes nothing at all (docs/rules.md, "Suspension").
    if (limit && !(isAppError(err) && (err.type === "rate_limited" || err.code === SUSPENDED)))
      await enforceRateLimit(db, limit);
    throw err;
  };
  const cached = await cachedSessionStatus(db, input.now);
  let tradingDay: string;
  try {
    tradingDay = assertAcceptingCalls(
      cached.acceptingPredictions ? cached : await getSessionStatus(db, input.now),
    );
  } catch (err) {
    return refuse(err);
  }
  if (!(await isInUniverseCached(db, tradingDay, input.symbol))) return refuse(notInUniverse(input.symbol));
  const snap = snapshotColumns(await input.takeSnapshot(input.symbol));
  const key = { userId: input.userId, tradingDay };
  try {
    return await db.transaction(async (tx) => {
      const checked = await lockForCall(tx, { ...key, symbol: input.symbol, limit });
      if (checked.barred) throw suspendedError();
      if (checked.rateLimit && !checked.rateLimit.allowed)
        throw rateLimitedError(limit!.rule, checked.rateLimit.retryAfterSeconds);
      assertAcceptingCalls(deriveSessionStatus(input.now, checked.phase));
      if (!checked.inUniverse) throw notInUniverse(input.symbol);
      if (checked.existingId) throw alreadyPredicted(input.symbol, checked.existingId);
      const before = checked.slots;
      const after = spend(before, input.now);
      if (!after) {
        // Statement 1 read the calls with the snapshot it started with, before it waited for the
        // slot lock: a call that a concurrent submit made meanwhile shows only to a new statement.
        const live = await liveCallId(tx, { ...key, symbol: input.symbol });
        if (live) throw alreadyPredicted(input.symbol, live);
        const view = viewOf(before, input.now);
        throw new AppError("conflict:no_slot", "No slot left. Watch an ad or wait for the next refill.", {
          details: { nextRefillAt: view.nextRefillAt?.toISOString() ?? null, adSlotsLeft: view.adSlotsLeft },
        });
      }
      const prediction = await writeCall(tx, {
        ...key,
        symbol: input.symbol,
        choice: input.choice,
        snap,
        now: input.now,
        slots: after,
      });
      if (!prediction) throw alreadyPredicted(input.symbol);
      return { prediction, slots: viewOf(after, input.now), refillDueAt: newTimerDueAt(before, after) };
    });
  } catch (err) {
    if (isAppError(err) && err.status < 500) return refuse(err);
    throw err;
  }
}

function notInUniverse(symbol: string): AppError {
  return new AppError("unprocessable:symbol_not_in_universe", `${symbol} is not in today's universe.`);
}

function alreadyPredicted(symbol: string, predictionId?: string): AppError {
  return new AppError(
    "conflict:already_predicted",
    `You have already called ${symbol} today. Change or cancel that call instead.`,
    predictionId ? { details: { predictionId } } : undefined,
  );
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
    .where(stillPending(current.id, input.userId))
    .returning();
  if (!updated) throw new AppError("conflict:not_pending", "This call can no longer be changed.");
  return updated;
}

/** Cancel a pending call; its slot comes back in the same transaction. */
export async function cancelPrediction(
  db: Database,
  input: { userId: string; predictionId: string; now: Date },
): Promise<PredictionResult> {
  const current = await loadOwnPending(db, input.userId, input.predictionId, input.now);
  return db.transaction(async (tx) => {
    const key = { userId: input.userId, tradingDay: current.tradingDay };
    const before = await lockSlots(tx, key);
    const [cancelled] = await tx
      .update(predictions)
      .set({ status: "CANCELLED", cancelledAt: input.now, updatedAt: input.now })
      .where(stillPending(current.id, input.userId))
      .returning();
    if (!cancelled) throw new AppError("conflict:not_pending", "This call is no longer pending.");
    const after = giveBack(before, input.now);
    await writeSlots(tx, key, after, input.now);
    return {
      prediction: cancelled,
      slots: viewOf(after, input.now),
      refillDueAt: newTimerDueAt(before, after),
    };
  });
}

/** The player's call, if it is still pending when the write lands (a settlement may have come first). */
const stillPending = (predictionId: string, userId: string) =>
  and(eq(predictions.id, predictionId), eq(predictions.userId, userId), eq(predictions.status, "PENDING"));

async function loadOwnPending(
  db: Database,
  userId: string,
  predictionId: string,
  now: Date,
): Promise<Prediction> {
  const [row] = await db.select().from(predictions).where(eq(predictions.id, predictionId)).limit(1);
  if (!row) throw new AppError("not_found:prediction", "This call does not exist.");
  if (row.userId !== userId)
    throw new AppError("forbidden:not_your_prediction", "This call belongs to another player.");
  const status = await getSessionStatus(db, now);
  if (status.tradingDay !== row.tradingDay) {
    throw new AppError("conflict:past_cutoff", "Calls of a past trading day can no longer be changed.");
  }
  assertAcceptingCalls(status);
  if (row.status !== "PENDING")
    throw new AppError(
      "conflict:not_pending",
      `This call is ${row.status.toLowerCase()} and can no longer be changed.`,
    );
  return row;
}
