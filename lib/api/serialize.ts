import type { LedgerEntry, Notification, Prediction, Redemption, RewardItem } from "@/db/schema";
import type { MyCall, SlotsJson } from "@/lib/board/types";
import type { AdminRedemption, PlayerRedemption } from "@/lib/rewards/queries";
import type { SlotView } from "@/lib/slots/rules";
import { isoKst } from "@/lib/time-format";

/**
 * How our values travel as JSON: the one place that turns dates into KST ISO strings and rows
 * into the documented shapes of the public API (and of the board the app's own pages show).
 * Domain functions return plain values (`Date`, rows); routes and the board call these.
 */
const iso = (d: Date | null) => (d ? isoKst(d) : null);
/**
 * A moment the server waits for (an ad's end, a slot's refill), to the second as every time we
 * send, but rounded up: truncated, the client showed "claim" up to a second before the server
 * accepted it ("watch the ad to the end first (1 s left)").
 */
const notBefore = (d: Date) => isoKst(new Date(Math.ceil(d.getTime() / 1000) * 1000));

export function slotsJson(s: SlotView): SlotsJson {
  return { ...s, nextRefillAt: s.nextRefillAt ? notBefore(s.nextRefillAt) : null };
}

/** A call as the board shows it on its card. */
export function myCallJson(p: Prediction): MyCall {
  return {
    id: p.id,
    choice: p.choice,
    status: p.status,
    snapshotPrice: p.snapshotPrice === null ? null : Number(p.snapshotPrice),
    snapshotAt: iso(p.snapshotAt),
    closePrice: p.closePrice === null ? null : Number(p.closePrice),
    voidReason: p.voidReason,
    pointsAwarded: p.pointsAwarded,
  };
}

/** A prediction row in the public API: every column, prices as decimal strings, times in UTC ISO. */
export function predictionJson(p: Prediction) {
  const utc = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    ...p,
    snapshotAt: utc(p.snapshotAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    cancelledAt: utc(p.cancelledAt),
    settledAt: utc(p.settledAt),
  };
}

export function adStartJson(ad: {
  token: string;
  minWatchSeconds: number;
  eligibleAt: Date;
  expiresAt: Date;
}) {
  return {
    token: ad.token,
    minWatchSeconds: ad.minWatchSeconds,
    eligibleAt: notBefore(ad.eligibleAt),
    expiresAt: isoKst(ad.expiresAt),
  };
}

export function redeemJson(r: {
  created: boolean;
  redemption: Redemption;
  item: Pick<RewardItem, "sku">;
  balance: number;
}) {
  return {
    created: r.created,
    redemption: {
      id: r.redemption.id,
      status: r.redemption.status,
      cost: r.redemption.cost,
      sku: r.item.sku,
      createdAt: isoKst(r.redemption.createdAt),
    },
    balance: r.balance,
  };
}

export function playerRedemptionJson(r: PlayerRedemption) {
  return { ...r, createdAt: isoKst(r.createdAt), issuedAt: iso(r.issuedAt), closedAt: iso(r.closedAt) };
}

export function adminItemJson(item: RewardItem) {
  return { ...item, createdAt: isoKst(item.createdAt), updatedAt: isoKst(item.updatedAt) };
}

export function adminRedemptionJson(r: AdminRedemption) {
  return {
    id: r.id,
    userId: r.userId,
    nickname: r.nickname,
    item: r.item,
    cost: r.cost,
    status: r.status,
    code: r.code,
    note: r.note,
    failureReason: r.failureReason,
    handledBy: r.handledBy,
    createdAt: isoKst(r.createdAt),
    issuedAt: iso(r.issuedAt),
    closedAt: iso(r.closedAt),
  };
}

export function notificationJson(n: Pick<Notification, "id" | "kind" | "payload" | "readAt" | "createdAt">) {
  return {
    id: n.id,
    kind: n.kind,
    payload: n.payload,
    readAt: iso(n.readAt),
    createdAt: isoKst(n.createdAt),
  };
}

export function ledgerEntryJson(
  e: Pick<LedgerEntry, "id" | "reason" | "amount" | "balanceAfter" | "createdAt">,
) {
  return {
    id: e.id,
    reason: e.reason,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    createdAt: isoKst(e.createdAt),
  };
}
