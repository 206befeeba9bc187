import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts, loopSettings, notifications, redemptions, users } from "@/db/schema";
import { endAllSessions } from "@/lib/auth/sessions";
import { forgetBoards } from "@/lib/loop/leaderboard";
import { setHiddenOnBoards } from "@/lib/loop/record-day";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { dropAllPushSubscriptionsOf } from "@/lib/push/subscriptions";
import { closeWithRefundInTx } from "@/lib/rewards/fulfilment";
import { revokeAllShares } from "@/lib/share/shares";
import { isUuid, parseOrThrow } from "@/lib/validation";
import { retireIdentities } from "./retired-identities";
import { deleteAccountSchema } from "./schemas";

/** A deleted player's nickname: not a name anyone can choose ("·" is outside the nickname alphabet). */
export function tombstoneNickname(userId: string): string {
  return `deleted·${userId.replace(/-/g, "").slice(0, 16)}`;
}

export type DeletionResult = {
  userId: string;
  refundedRedemptions: number;
  refundedPoints: number;
  identitiesUnlinked: number;
  sessionsEnded: number;
};

/**
 * "Delete my account" (docs/rules.md, "Suspension and account deletion"), in one transaction:
 *
 * 1. pending redemptions are cancelled and refunded first, through the rewards refund path;
 * 2. the provider identities are unlinked (their keyed hash is kept so that signing in again
 *    gives no second signup bonus), every session ends, push subscriptions and notifications
 *    are removed, share links revoked, and the player is hidden from the boards;
 * 3. the user row becomes a tombstone: nickname, e-mail and picture removed, `deletedAt` set.
 *
 * The ledger, the calls and the redemptions stay under the tombstone id, so every balance and
 * every award still adds up (integrity checks I1–I7). An admin must give up the role first.
 */
export async function deleteAccount(
  db: Database,
  input: { userId: string; confirm: unknown; now: Date },
): Promise<DeletionResult> {
  parseOrThrow(
    deleteAccountSchema,
    { confirm: input.confirm },
    { code: "unprocessable:delete_confirmation", message: "Type DELETE (or 삭제) to confirm." },
  );
  if (!isUuid(input.userId)) throw new AppError("not_found:user", "This player does not exist.");
  const { userId, now } = input;
  const result = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user || user.deletedAt) throw new AppError("not_found:user", "This player does not exist.");
    if (user.role === "admin")
      throw new AppError(
        "conflict:admin_account",
        "An admin account cannot be deleted. Give up the admin role first.",
      );

    const pending = await tx
      .select({ id: redemptions.id })
      .from(redemptions)
      .where(and(eq(redemptions.userId, userId), eq(redemptions.status, "PENDING")))
      .orderBy(asc(redemptions.id));
    let refundedPoints = 0;
    for (const { id } of pending) {
      const r = await closeWithRefundInTx(tx, {
        redemptionId: id,
        status: "CANCELLED",
        reason: "account_deleted",
        actorId: userId,
        ownerId: userId,
        now,
      });
      if (r.changed) refundedPoints += r.redemption.cost;
    }

    const identities = await tx
      .select({ provider: accounts.provider, providerAccountId: accounts.providerAccountId })
      .from(accounts)
      .where(eq(accounts.userId, userId));
    await retireIdentities(tx, identities, now);
    await tx.delete(accounts).where(eq(accounts.userId, userId));
    const sessionsEnded = await endAllSessions(tx, { userId, now });
    await dropAllPushSubscriptionsOf(tx, userId);
    await tx.delete(notifications).where(eq(notifications.userId, userId));
    await revokeAllShares(tx, { userId, now });
    const hidden = {
      hideFromBoards: true,
      reminderAt: null,
      resultsPush: false,
      quietFrom: null,
      quietUntil: null,
    };
    await tx
      .insert(loopSettings)
      .values({ userId, ...hidden, updatedAt: now })
      .onConflictDoUpdate({ target: loopSettings.userId, set: { ...hidden, updatedAt: now } });
    // The setting covers the days to come; the rows already on the boards are hidden now.
    await setHiddenOnBoards(tx, userId, true);
    await tx
      .update(users)
      .set({
        nickname: tombstoneNickname(userId),
        email: null,
        emailHash: null,
        emailVerified: null,
        image: null,
        nicknameSetAt: now,
        deletedAt: now,
        updatedAt: now,
      })
      .where(eq(users.id, userId));

    const result = {
      userId,
      refundedRedemptions: pending.length,
      refundedPoints,
      identitiesUnlinked: identities.length,
      sessionsEnded,
    };
    await recordAudit(tx, {
      actorId: userId,
      action: "user.deleted",
      target: `user:${userId}`,
      details: { ...result },
      now,
    });
    return result;
  });
  forgetBoards();
  return result;
}
