import "server-only";
import type { Database } from "@/db/client";
import type { RewardItem } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getBalance } from "@/lib/points/queries";
import { enforceRateLimit } from "@/lib/ratelimit/rate-limit";
import { isoKst } from "@/lib/time-format";
import { toPublicItem } from "./catalog";
import { cancelRedemption } from "./fulfilment";
import type { AdminRedemption, PlayerRedemption } from "./queries";
import { redeem } from "./redeem";
import { fulfilRedemption } from "./vendor";

/**
 * The app-level entry points shared by the JSON API and the server actions: the per-player
 * rate limit, the domain call, the vendor hand-off and one JSON shape. One place, so both
 * surfaces behave exactly alike.
 */
const redemptionRule = () => ({ name: "redemptions", limit: env().RATE_LIMIT_REDEMPTIONS_PER_MINUTE, windowMs: 60_000 });

/**
 * Redeem for a player. The rate limit is counted first, before any balance or stock check,
 * so a script hammering an item it cannot afford is throttled like any other.
 */
export async function redeemReward(db: Database, input: { userId: string; sku: string; requestKey: string; now: Date }) {
  await enforceRateLimit(db, { rule: redemptionRule(), subject: input.userId, now: input.now });
  const r = await redeem(db, input);
  if (r.created && r.item.vendor !== "manual") await handToVendor(db, r.redemption.id, input.now);
  return {
    created: r.created,
    redemption: { id: r.redemption.id, status: r.redemption.status, cost: r.redemption.cost, sku: r.item.sku, createdAt: isoKst(r.redemption.createdAt) },
    balance: await getBalance(db, input.userId),
  };
}

/**
 * A vendor that can fulfil at once does so right after the redeem commits. Its failure is
 * not the player's: the redemption stays PENDING for a retry or an admin.
 */
async function handToVendor(db: Database, redemptionId: string, now: Date): Promise<void> {
  try {
    await fulfilRedemption(db, { redemptionId, now });
  } catch (err) {
    log.error({ err, redemptionId }, "vendor hand-off failed; the redemption stays pending");
  }
}

export async function cancelMyRedemption(db: Database, input: { userId: string; redemptionId: string; now: Date }) {
  const r = await cancelRedemption(db, input);
  return { changed: r.changed, status: r.redemption.status, refunded: r.redemption.cost, balance: await getBalance(db, input.userId) };
}

export function publicItemJson(item: RewardItem) {
  return toPublicItem(item);
}

export function adminItemJson(item: RewardItem) {
  return { ...item, createdAt: isoKst(item.createdAt), updatedAt: isoKst(item.updatedAt) };
}

const iso = (d: Date | null) => (d ? isoKst(d) : null);

export function playerRedemptionJson(r: PlayerRedemption) {
  return { ...r, createdAt: isoKst(r.createdAt), issuedAt: iso(r.issuedAt), closedAt: iso(r.closedAt) };
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

/**
 * A body for a resource named in the path (`/items/:sku`): the path supplies `key`, so the
 * body may not (it would be an unknown key of the strict schema, and ambiguous besides).
 */
export function withAddress(body: Record<string, unknown>, key: string, value: string): Record<string, unknown> {
  if (Object.hasOwn(body, key)) {
    throw new AppError("bad_request:invalid_body", `Invalid body — "${key}" comes from the address, not the body`, {
      fieldErrors: { [key]: ["Not allowed in the body"] },
    });
  }
  return { ...body, [key]: value };
}
