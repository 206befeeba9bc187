import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { redemptions, rewardItems, type Redemption } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { recordAudit } from "@/lib/ops/audit";
import { refIds } from "@/lib/points/constants";
import { postEntry } from "@/lib/points/ledger";
import { AUDIT, REDEMPTION_NOTICE, redemptionNoticeKey, type RedemptionStatus } from "./constants";
import { lockActingAdmin } from "@/lib/auth/acting-admin";
import { isUuid, parseOrThrow } from "@/lib/validation";
import {
  cancelRedemptionSchema,
  markFailedSchema,
  markIssuedSchema,
  type MarkFailedInput,
  type MarkIssuedInput,
} from "./schemas";

/**
 * `changed: false` means the redemption already had the status asked for (a double click, a
 * retried request, one of many concurrent copies): nothing was written a second time.
 */
export type TransitionResult = { redemption: Redemption; changed: boolean };

type By = { actorId: string | null; now: Date };

const ITEM_NAMES = { sku: rewardItems.sku, nameKo: rewardItems.nameKo, nameEn: rewardItems.nameEn };
type ItemNames = { sku: string; nameKo: string; nameEn: string };

/** Admin: PENDING → ISSUED, with the voucher code and/or a note for the player. */
export async function markIssued(
  db: Database,
  input: { actorId: string; now: Date } & MarkIssuedInput,
): Promise<TransitionResult> {
  const { actorId, now, ...form } = input;
  const parsed = parseOrThrow(markIssuedSchema, form, {
    code: "unprocessable:issue_invalid",
    message: "Check the code and note.",
  });
  return db.transaction(async (tx) => {
    await lockActingAdmin(tx, actorId);
    return issueInTx(tx, { ...parsed, actorId, now });
  });
}

/** Admin: PENDING → FAILED; the points are refunded and the unit goes back on sale, exactly once. */
export async function markFailed(
  db: Database,
  input: { actorId: string; now: Date } & MarkFailedInput,
): Promise<TransitionResult> {
  const { actorId, now, ...form } = input;
  const { redemptionId, reason } = parseOrThrow(markFailedSchema, form, {
    code: "unprocessable:fail_invalid",
    message: "Give a reason.",
  });
  return db.transaction(async (tx) => {
    await lockActingAdmin(tx, actorId);
    return closeWithRefundInTx(tx, { redemptionId, status: "FAILED", reason, actorId, now });
  });
}

/**
 * Player: cancel their own PENDING redemption (same refund path as FAILED). Someone else's
 * redemption answers `not_found:redemption`, exactly like a missing one, so ids of other
 * players' redemptions cannot be probed.
 */
export async function cancelRedemption(
  db: Database,
  input: { userId: string; redemptionId: string; now: Date },
): Promise<TransitionResult> {
  const { redemptionId } = parseOrThrow(
    cancelRedemptionSchema,
    { redemptionId: input.redemptionId },
    { code: "not_found:redemption", message: "This redemption does not exist." },
  );
  if (!isUuid(input.userId)) throw notFound();
  return db.transaction((tx) =>
    closeWithRefundInTx(tx, {
      redemptionId,
      status: "CANCELLED",
      reason: null,
      actorId: input.userId,
      ownerId: input.userId,
      now: input.now,
    }),
  );
}

/** Inside a transaction, without the role check: for admins (checked above) and vendors. */
export async function issueInTx(
  tx: Tx,
  input: By & { redemptionId: string; code?: string | null; note?: string | null },
): Promise<TransitionResult> {
  const [issued] = await tx
    .update(redemptions)
    .set({
      status: "ISSUED",
      code: input.code ?? null,
      note: input.note ?? null,
      handledBy: input.actorId,
      issuedAt: input.now,
      updatedAt: input.now,
    })
    .where(and(eq(redemptions.id, input.redemptionId), eq(redemptions.status, "PENDING")))
    .returning();
  if (!issued) return unchanged(tx, input.redemptionId, "ISSUED");

  const [item] = await tx
    .select(ITEM_NAMES)
    .from(rewardItems)
    .where(eq(rewardItems.id, issued.itemId))
    .limit(1);
  await noticeOf(tx, issued, item!, "ISSUED", input.now);
  await recordAudit(tx, {
    actorId: input.actorId,
    action: AUDIT.issue,
    target: `redemption:${issued.id}`,
    details: { userId: issued.userId, hasCode: issued.code !== null, note: issued.note },
    now: input.now,
  });
  return { redemption: issued, changed: true };
}

/**
 * PENDING → FAILED or CANCELLED. The conditional status update is the gate: of any number
 * of concurrent calls exactly one gets the row back, and only that one releases the unit
 * and posts the refund; every other step's result is checked and a miss rolls back all.
 */
export async function closeWithRefundInTx(
  tx: Tx,
  input: By & {
    redemptionId: string;
    status: "FAILED" | "CANCELLED";
    reason: string | null;
    ownerId?: string;
  },
): Promise<TransitionResult> {
  const [closed] = await tx
    .update(redemptions)
    .set({
      status: input.status,
      failureReason: input.reason,
      handledBy: input.actorId,
      closedAt: input.now,
      updatedAt: input.now,
    })
    .where(
      and(
        eq(redemptions.id, input.redemptionId),
        eq(redemptions.status, "PENDING"),
        input.ownerId ? eq(redemptions.userId, input.ownerId) : undefined,
      ),
    )
    .returning();
  if (!closed) return unchanged(tx, input.redemptionId, input.status, input.ownerId);

  const [released] = await tx
    .update(rewardItems)
    .set({ stock: sql`${rewardItems.stock} + 1`, updatedAt: input.now })
    .where(and(eq(rewardItems.id, closed.itemId), sql`${rewardItems.stock} + 1 <= ${rewardItems.stockTotal}`))
    .returning(ITEM_NAMES);
  if (!released)
    throw new AppError(
      "internal:stock_release_missed",
      "Something went wrong on our side. Please try again.",
    );

  const refund = await postEntry(tx, {
    userId: closed.userId,
    amount: closed.cost,
    reason: "REDEMPTION_REFUND",
    refId: refIds.refund(closed.id),
    memo: input.reason ?? input.status.toLowerCase(),
    actorId: input.actorId,
    now: input.now,
  });
  if (!refund.created)
    throw new AppError("internal:refund_exists", "Something went wrong on our side. Please try again.");

  await noticeOf(tx, closed, released, input.status, input.now);
  if (input.status === "FAILED") {
    await recordAudit(tx, {
      actorId: input.actorId,
      action: AUDIT.fail,
      target: `redemption:${closed.id}`,
      details: {
        userId: closed.userId,
        reason: input.reason,
        refunded: closed.cost,
        refId: refund.entry.refId,
      },
      now: input.now,
    });
  }
  return { redemption: closed, changed: true };
}

/** The gate found no PENDING row: say why, or answer a repeat of a change already made. */
async function unchanged(
  tx: Tx,
  redemptionId: string,
  wanted: RedemptionStatus,
  ownerId?: string,
): Promise<TransitionResult> {
  const [current] = await tx.select().from(redemptions).where(eq(redemptions.id, redemptionId)).limit(1);
  if (!current || (ownerId && current.userId !== ownerId)) throw notFound();
  if (current.status === wanted) return { redemption: current, changed: false };
  throw new AppError(
    "conflict:redemption_not_pending",
    `This redemption is already ${current.status.toLowerCase()}.`,
    {
      details: { status: current.status },
    },
  );
}

/** The voucher code itself stays on the redemption page; the notice only says what happened. */
async function noticeOf(
  tx: Tx,
  r: Redemption,
  item: ItemNames,
  status: RedemptionStatus,
  now: Date,
): Promise<void> {
  await notify(tx, {
    userId: r.userId,
    kind: REDEMPTION_NOTICE[status],
    payload: {
      redemptionId: r.id,
      status,
      ...item,
      ...(status === "FAILED" || status === "CANCELLED" ? { refunded: r.cost } : {}),
    },
    dedupeKey: redemptionNoticeKey(r.id, status),
    now,
  });
}

const notFound = () => new AppError("not_found:redemption", "This redemption does not exist.");
