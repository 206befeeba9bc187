import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { RewardItem } from "@/db/schema";
import { assertMayPlay } from "@/lib/accounts/suspension";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getBalance } from "@/lib/points/queries";
import { enforceRateLimit } from "@/lib/ratelimit/rate-limit";
import { rateLimitRule } from "@/lib/ratelimit/rules";
import { toPublicItem } from "./catalog";
import { cancelRedemption } from "./fulfilment";
import { redeem } from "./redeem";
import { fulfilRedemption } from "./vendor";

/**
 * The app-level entry points shared by the JSON API and the server actions: the per-player
 * rate limit, the domain call and the vendor hand-off. One place, so both surfaces behave
 * exactly alike; their JSON shapes live in `lib/api/serialize.ts`.
 */
const redemptionRule = () => rateLimitRule("redemptions");

/**
 * Redeem for a player. The rate limit is counted first, before any balance or stock check,
 * so a script hammering an item it cannot afford is throttled like any other.
 */
export async function redeemReward(
  db: Database,
  input: { userId: string; sku: string; requestKey: string; now: Date },
) {
  // A suspended player is refused before anything is written (the rate limit included).
  await assertMayPlay(db, input.userId);
  await enforceRateLimit(db, { rule: redemptionRule(), subject: input.userId, now: input.now });
  const r = await redeem(db, input);
  if (r.created && r.item.vendor !== "manual") await handToVendor(db, r.redemption.id, input.now);
  return {
    created: r.created,
    redemption: r.redemption,
    item: r.item,
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

export async function cancelMyRedemption(
  db: Database,
  input: { userId: string; redemptionId: string; now: Date },
) {
  const r = await cancelRedemption(db, input);
  return {
    changed: r.changed,
    status: r.redemption.status,
    refunded: r.redemption.cost,
    balance: await getBalance(db, input.userId),
  };
}

export function publicItemJson(item: RewardItem) {
  return toPublicItem(item);
}

/**
 * A body for a resource named in the path (`/items/:sku`): the path supplies `key`, so the
 * body may not (it would be an unknown key of the strict schema, and ambiguous besides).
 */
/**
 * A JSON object body, passed through as parsed. Unlike `z.record`, it keeps every own key
 * (a `__proto__` key included), so the strict schema applied after `withAddress` refuses it.
 */
export const jsonObjectBody = z.custom<Record<string, unknown>>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "The body must be a JSON object",
);

export function withAddress(
  body: Record<string, unknown>,
  key: string,
  value: string,
): Record<string, unknown> {
  if (Object.hasOwn(body, key)) {
    throw new AppError(
      "bad_request:invalid_body",
      `Invalid body — "${key}" comes from the address, not the body`,
      {
        fieldErrors: { [key]: ["Not allowed in the body"] },
      },
    );
  }
  return { ...body, [key]: value };
}
