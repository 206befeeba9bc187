import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { redemptions, rewardItems, type Redemption, type RewardItem } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { getBalance } from "@/lib/points/queries";
import { postEntry } from "@/lib/points/ledger";
import { refIds } from "@/lib/points/constants";
import { PG, pgErrorCode } from "@/db/errors";
import { REDEMPTION_NOTICE, redemptionNoticeKey } from "./constants";
import { isUuid, parseOrThrow } from "@/lib/validation";
import { rewardNotFound } from "./catalog";
import { redeemSchema, type RedeemInput } from "./schemas";

export type RedeemResult = { redemption: Redemption; item: RewardItem; created: boolean };

/**
 * Test seams inside the redeem transaction. Production callers never pass them; tests
 * throw from one to prove that a crash between two writes leaves nothing behind.
 */
export type RedeemHooks = {
  afterStockTaken?: (tx: Tx) => Promise<void>;
  afterDebit?: (tx: Tx) => Promise<void>;
};

/**
 * Redeem one unit of a reward, in one transaction, each step checked by its own result:
 *
 * 1. the item must exist (`not_found:reward`);
 * 2. the redemption row (PENDING, cost copied) is inserted with ON CONFLICT (user, request
 *    key) DO NOTHING. If the key was used before, the earlier redemption is the answer
 *    (`created: false`, nothing written) — a double click redeems once; the same key for
 *    another item is `conflict:request_key_reused`;
 * 3. the item must be active (`conflict:reward_inactive`) and affordable
 *    (`conflict:insufficient_points`, a fast refusal that spares the item's row lock);
 *    the player's `redemption_pending` notice is written;
 * 4. one unit is taken with `UPDATE … SET stock = stock - 1 WHERE stock > 0 AND active AND
 *    cost = <copied cost> RETURNING`; no row means sold out (or deactivated or repriced
 *    meanwhile) and everything rolls back;
 * 5. the points are debited through the ledger (`redeem:{id}`), whose conditional balance
 *    update is the real guard against overspending.
 *
 * Locks are always taken in the order redemption → item → balance (as in the refund path),
 * so concurrent redeems and refunds queue instead of deadlocking.
 */
export async function redeem(
  db: Database,
  input: { userId: string; now: Date } & RedeemInput,
  hooks: RedeemHooks = {},
): Promise<RedeemResult> {
  const { userId, now, ...form } = input;
  const { sku, requestKey } = parseOrThrow(redeemSchema, form, {
    code: "unprocessable:redeem_invalid",
    message: "Check the reward and try again.",
  });
  if (!isUuid(userId)) throw new AppError("not_found:user", "This player does not exist.");
  try {
    return await db.transaction(async (tx) => {
      const [item] = await tx.select().from(rewardItems).where(eq(rewardItems.sku, sku)).limit(1);
      if (!item) throw rewardNotFound();

      const [redemption] = await tx
        .insert(redemptions)
        .values({
          userId,
          itemId: item.id,
          cost: item.cost,
          requestKey,
          status: "PENDING",
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: [redemptions.userId, redemptions.requestKey] })
        .returning();
      if (!redemption) return { ...(await earlierRedemption(tx, userId, requestKey, item)), created: false };

      if (!item.active) throw inactive();
      if (item.stock <= 0) throw soldOut();
      if ((await getBalance(tx, userId)) < item.cost) throw insufficient(item.cost);
      // Written before the item's row lock is taken, to hold that hot lock for as few
      // statements as possible; it rolls back with everything else.
      await notify(tx, {
        userId,
        kind: REDEMPTION_NOTICE.PENDING,
        payload: {
          redemptionId: redemption.id,
          sku: item.sku,
          nameKo: item.nameKo,
          nameEn: item.nameEn,
          cost: item.cost,
        },
        dedupeKey: redemptionNoticeKey(redemption.id, "PENDING"),
        now,
      });

      const [taken] = await tx
        .update(rewardItems)
        .set({ stock: sql`${rewardItems.stock} - 1`, updatedAt: now })
        .where(
          and(
            eq(rewardItems.id, item.id),
            sql`${rewardItems.stock} > 0`,
            eq(rewardItems.active, true),
            eq(rewardItems.cost, item.cost),
          ),
        )
        .returning();
      if (!taken) throw await whyNoStock(tx, item);
      await hooks.afterStockTaken?.(tx);

      const debit = await postEntry(tx, {
        userId,
        amount: -item.cost,
        reason: "REDEMPTION",
        refId: refIds.redeem(redemption.id),
        memo: item.sku,
        now,
      });
      // A fresh redemption id can have no earlier debit; if it had, this is not our money to take.
      if (!debit.created)
        throw new AppError(
          "internal:redeem_ref_exists",
          "Something went wrong on our side. Please try again.",
        );
      await hooks.afterDebit?.(tx);

      return { redemption, item: taken, created: true };
    });
  } catch (err) {
    if (pgErrorCode(err) === PG.foreignKeyViolation)
      throw new AppError("not_found:user", "This player does not exist.", { cause: err });
    throw err;
  }
}

async function earlierRedemption(
  tx: Tx,
  userId: string,
  requestKey: string,
  item: RewardItem,
): Promise<Omit<RedeemResult, "created">> {
  // Under READ COMMITTED this new statement sees the row whose commit the insert waited for.
  const [earlier] = await tx
    .select()
    .from(redemptions)
    .where(and(eq(redemptions.userId, userId), eq(redemptions.requestKey, requestKey)))
    .limit(1);
  if (!earlier)
    throw new AppError("internal:redemption_vanished", "Something went wrong on our side. Please try again.");
  if (earlier.itemId !== item.id) {
    throw new AppError(
      "conflict:request_key_reused",
      "This request was already used for another reward. Please try again.",
    );
  }
  return { redemption: earlier, item };
}

/** The stock update found no row: read the item again to say why. */
async function whyNoStock(tx: Tx, item: RewardItem): Promise<AppError> {
  const [now] = await tx.select().from(rewardItems).where(eq(rewardItems.id, item.id)).limit(1);
  if (!now) return rewardNotFound();
  if (!now.active) return inactive();
  if (now.stock <= 0) return soldOut();
  if (now.cost !== item.cost) {
    return new AppError(
      "conflict:price_changed",
      "The price of this reward just changed. Check it and try again.",
      {
        details: { cost: now.cost },
      },
    );
  }
  return new AppError("internal:stock_update_missed", "Something went wrong on our side. Please try again.");
}

const soldOut = () => new AppError("conflict:sold_out", "This reward is sold out.");
const inactive = () => new AppError("conflict:reward_inactive", "This reward is not available right now.");
const insufficient = (needed: number) =>
  new AppError("conflict:insufficient_points", "Not enough points for this.", { details: { needed } });
