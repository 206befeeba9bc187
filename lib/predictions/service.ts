import "server-only";
import type { Database } from "@/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { snapshotTaker } from "@/lib/prices/app-provider";
import { scheduleCooldownRefill } from "@/lib/jobs/cooldown";
import { enforceRateLimit } from "@/lib/ratelimit/rate-limit";
import { getSessionStatus } from "@/lib/sessions/status";
import { completeAd, startAd } from "@/lib/slots/ads";
import type { SlotView } from "@/lib/slots/rules";
import { isoKst } from "@/lib/time-format";
import { cancelPrediction, changePrediction, submitPrediction } from "./predictions";
import type { Choice } from "./schemas";

/**
 * The app-level entry points shared by the JSON API and the server actions: rate limit,
 * the configured price snapshot, then the domain function. One place, so both surfaces
 * behave exactly alike.
 */
const predictionRule = () => ({ name: "predictions", limit: env().RATE_LIMIT_PREDICTIONS_PER_MINUTE, windowMs: 60_000 });

export function slotsJson(s: SlotView) {
  return { ...s, nextRefillAt: s.nextRefillAt ? isoKst(s.nextRefillAt) : null };
}

/** A new cooldown timer gets its callback, so the refill shows without waiting for a read. */
async function announceRefill(userId: string, tradingDay: string, dueAt: Date | null) {
  if (dueAt) await scheduleCooldownRefill({ userId, tradingDay, dueAt });
}

export async function submitCall(db: Database, input: { userId: string; symbol: string; choice: Choice; now: Date }) {
  await enforceRateLimit(db, { rule: predictionRule(), subject: input.userId, now: input.now });
  const r = await submitPrediction(db, { ...input, takeSnapshot: snapshotTaker(db, input.now) });
  await announceRefill(input.userId, r.prediction.tradingDay, r.refillDueAt);
  return { prediction: r.prediction, slots: slotsJson(r.slots) };
}

export async function changeCall(db: Database, input: { userId: string; predictionId: string; choice: Choice; now: Date }) {
  await enforceRateLimit(db, { rule: predictionRule(), subject: input.userId, now: input.now });
  return changePrediction(db, { ...input, takeSnapshot: snapshotTaker(db, input.now) });
}

export async function cancelCall(db: Database, input: { userId: string; predictionId: string; now: Date }) {
  await enforceRateLimit(db, { rule: predictionRule(), subject: input.userId, now: input.now });
  const r = await cancelPrediction(db, input);
  await announceRefill(input.userId, r.prediction.tradingDay, r.refillDueAt);
  return { prediction: r.prediction, slots: slotsJson(r.slots) };
}

export async function beginAd(db: Database, input: { userId: string; now: Date }) {
  const status = await getSessionStatus(db, input.now);
  if (!status.tradingDay || !status.acceptingPredictions) {
    throw new AppError("conflict:session_closed", "Ads give slots only while today's session is open.");
  }
  const ad = await startAd(db, { userId: input.userId, tradingDay: status.tradingDay, now: input.now, minWatchSeconds: env().AD_MIN_WATCH_SECONDS });
  return { token: ad.token, minWatchSeconds: ad.minWatchSeconds, eligibleAt: isoKst(ad.eligibleAt), expiresAt: isoKst(ad.expiresAt) };
}

export async function finishAd(db: Database, input: { userId: string; token: string; now: Date }) {
  const r = await completeAd(db, input);
  return { slots: slotsJson(r.slots) };
}
