import { and, eq, gt, lt, lte } from "drizzle-orm";
import { deleteInBatches } from "@/db/batched-delete";
import type { Database } from "@/db/client";
import { adViews } from "@/db/schema";
import { sessionCutoffAt } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { getSessionStatus } from "@/lib/sessions/status";
import { grantAdSlot, MAX_AD_SLOTS, viewOf, type SlotView } from "./rules";
import { lockSlots, writeSlots } from "./slots";

export const AD_TOKEN_TTL_MS = 30 * 60_000;

export type AdStart = { token: string; eligibleAt: Date; expiresAt: Date; minWatchSeconds: number };

/** A rewarded ad begins: the server issues a one-time token that unlocks after the minimum watch time. */
export async function startAd(
  db: Database,
  input: { userId: string; tradingDay: string; now: Date; minWatchSeconds: number; provider?: string },
): Promise<AdStart> {
  return db.transaction(async (tx) => {
    const slots = await lockSlots(tx, input);
    if (slots.adSlots >= MAX_AD_SLOTS) {
      throw new AppError("conflict:ad_limit", `You have used all ${MAX_AD_SLOTS} ad slots for today.`);
    }
    const eligibleAt = new Date(input.now.getTime() + input.minWatchSeconds * 1000);
    const expiresAt = new Date(input.now.getTime() + AD_TOKEN_TTL_MS);
    const [row] = await tx
      .insert(adViews)
      .values({
        userId: input.userId,
        tradingDay: input.tradingDay,
        provider: input.provider ?? "house",
        startedAt: input.now,
        eligibleAt,
        expiresAt,
      })
      .returning({ id: adViews.id });
    return { token: row!.id, eligibleAt, expiresAt, minWatchSeconds: input.minWatchSeconds };
  });
}

/**
 * Redeem an ad token: only its owner, only once, only after the minimum watch time and
 * before it expires, only while the session of the ad's trading day is open (before 23:59 KST
 * and not closed early), and only while the player has ad slots left today.
 */
export async function completeAd(
  db: Database,
  input: { userId: string; token: string; now: Date },
): Promise<{ slots: SlotView }> {
  const [view] = await db.select().from(adViews).where(eq(adViews.id, input.token)).limit(1);
  if (!view || view.userId !== input.userId)
    throw new AppError("not_found:ad_token", "This ad token does not exist.");
  await assertSessionOpenFor(db, view.tradingDay, input.now);
  return db.transaction(async (tx) => {
    const key = { userId: input.userId, tradingDay: view.tradingDay };
    const before = await lockSlots(tx, key);
    const [done] = await tx
      .update(adViews)
      .set({ status: "COMPLETED", completedAt: input.now })
      .where(
        and(
          eq(adViews.id, input.token),
          eq(adViews.userId, input.userId),
          eq(adViews.status, "STARTED"),
          lte(adViews.eligibleAt, input.now),
          gt(adViews.expiresAt, input.now),
        ),
      )
      .returning({ id: adViews.id });
    if (!done) {
      const [current] = await tx.select().from(adViews).where(eq(adViews.id, input.token));
      throw whyNotRedeemable(current ?? view, input.now);
    }
    const after = grantAdSlot(before, input.now);
    if (!after)
      throw new AppError("conflict:ad_limit", `You have used all ${MAX_AD_SLOTS} ad slots for today.`);
    await writeSlots(tx, key, after, input.now);
    return { slots: viewOf(after, input.now) };
  });
}

function whyNotRedeemable(view: typeof adViews.$inferSelect, now: Date): AppError {
  if (view.status === "COMPLETED")
    return new AppError("conflict:ad_already_redeemed", "This ad has already given its slot.");
  if (view.expiresAt <= now)
    return new AppError("conflict:ad_expired", "This ad token has expired. Start the ad again.");
  const secondsLeft = Math.ceil((view.eligibleAt.getTime() - now.getTime()) / 1000);
  return new AppError("conflict:ad_not_finished", `Watch the ad to the end first (${secondsLeft} s left).`, {
    details: { secondsLeft },
  });
}

/** An ad started before the cutoff but finished after it gives nothing (docs/rules.md §5). */
async function assertSessionOpenFor(db: Database, tradingDay: string, now: Date): Promise<void> {
  if (now >= sessionCutoffAt(tradingDay)) {
    throw new AppError(
      "conflict:past_cutoff",
      "Ads give slots only until 23:59 KST; this session has closed.",
      { details: { tradingDay } },
    );
  }
  const status = await getSessionStatus(db, now);
  if (status.tradingDay !== tradingDay || !status.acceptingPredictions) {
    throw new AppError("conflict:session_closed", "Ads give slots only while today's session is open.", {
      details: { tradingDay, phase: status.phase },
    });
  }
}

/**
 * Retention: ad tokens that were started but never completed and expired before `before`.
 * Completed ads stay: they are the record behind each day's ad slots (integrity check I6),
 * at most 7 per player per trading day.
 */
export async function pruneExpiredAdTokens(db: Database, before: Date): Promise<number> {
  return deleteInBatches(
    db,
    adViews,
    adViews.id,
    and(eq(adViews.status, "STARTED"), lt(adViews.expiresAt, before)),
  );
}
