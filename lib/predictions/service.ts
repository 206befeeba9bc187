import "server-only";
import type { Database } from "@/db/client";
import { assertMayPlay, suspendedError } from "@/lib/accounts/suspension";
import type { User } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { snapshotTaker } from "@/lib/prices/app-provider";
import { enforceRateLimit } from "@/lib/ratelimit/rate-limit";
import { rateLimitRule } from "@/lib/ratelimit/rules";
import { getSessionStatus } from "@/lib/sessions/status";
import { completeAd, startAd } from "@/lib/slots/ads";
import { cancelPrediction, changePrediction, submitPrediction } from "./predictions";
import type { Choice } from "./schemas";

/**
 * The app-level entry points shared by the JSON API and the server actions: rate limit,
 * the configured price snapshot, then the domain function. One place, so both surfaces
 * behave exactly alike.
 */
const predictionRule = () => rateLimitRule("predictions");

/**
 * Where a new cooldown timer's callback is scheduled, so the refill shows without waiting for
 * a read. The caller passes it in (the app passes lib/jobs' `scheduleCooldownRefill`): the game
 * rules never depend on the job machinery.
 */
export type ScheduleRefill = (refill: {
  userId: string;
  tradingDay: string;
  dueAt: Date;
}) => Promise<unknown>;

async function announceRefill(
  schedule: ScheduleRefill,
  userId: string,
  tradingDay: string,
  dueAt: Date | null,
) {
  if (dueAt) await schedule({ userId, tradingDay, dueAt });
}

export async function submitCall(
  db: Database,
  input: {
    userId: string;
    symbol: string;
    choice: Choice;
    now: Date;
    scheduleRefill: ScheduleRefill;
    /**
     * The caller as the request's guard just read it: a suspended player is refused before the
     * snapshot is taken, so nothing at all is written. The call's own transaction checks again.
     */
    player?: Pick<User, "suspendedAt" | "deletedAt">;
  },
) {
  const { scheduleRefill, player, ...call } = input;
  if (player?.suspendedAt || player?.deletedAt) throw suspendedError();
  // The rate limit and the suspension check is checked inside the call's own transaction (one round trip less).
  const r = await submitPrediction(db, {
    ...call,
    takeSnapshot: snapshotTaker(db, input.now),
    rateLimit: predictionRule(),
  });
  await announceRefill(scheduleRefill, input.userId, r.prediction.tradingDay, r.refillDueAt);
  return { prediction: r.prediction, slots: r.slots };
}

export async function changeCall(
  db: Database,
  input: { userId: string; predictionId: string; choice: Choice; now: Date },
) {
  await assertMayPlay(db, input.userId);
  await enforceRateLimit(db, { rule: predictionRule(), subject: input.userId, now: input.now });
  return changePrediction(db, { ...input, takeSnapshot: snapshotTaker(db, input.now) });
}

export async function cancelCall(
  db: Database,
  input: { userId: string; predictionId: string; now: Date; scheduleRefill: ScheduleRefill },
) {
  const { scheduleRefill, ...call } = input;
  await enforceRateLimit(db, { rule: predictionRule(), subject: input.userId, now: input.now });
  const r = await cancelPrediction(db, call);
  await announceRefill(scheduleRefill, input.userId, r.prediction.tradingDay, r.refillDueAt);
  return { prediction: r.prediction, slots: r.slots };
}

export async function beginAd(db: Database, input: { userId: string; now: Date }) {
  await assertMayPlay(db, input.userId);
  await enforceRateLimit(db, { rule: rateLimitRule("ad-start"), subject: input.userId, now: input.now });
  const status = await getSessionStatus(db, input.now);
  if (!status.tradingDay || !status.acceptingPredictions) {
    throw new AppError("conflict:session_closed", "Ads give slots only while today's session is open.");
  }
  return startAd(db, {
    userId: input.userId,
    tradingDay: status.tradingDay,
    now: input.now,
    minWatchSeconds: env().AD_MIN_WATCH_SECONDS,
  });
}

export async function finishAd(db: Database, input: { userId: string; token: string; now: Date }) {
  await assertMayPlay(db, input.userId);
  await enforceRateLimit(db, { rule: rateLimitRule("ad-complete"), subject: input.userId, now: input.now });
  return completeAd(db, input);
}
