"use server";

import { redeemJson } from "@/lib/api/serialize";
import { userAction } from "@/lib/http/action";
import { redeemSchema } from "@/lib/rewards/schemas";
import { redeemReward } from "@/lib/rewards/service";

/** Redeem from the shop: the same rate limit, checks and idempotency as `POST /api/rewards/redeem`. */
export const redeemAction = userAction(redeemSchema, async ({ sku, requestKey }, { db, now, user }) =>
  redeemJson(await redeemReward(db, { userId: user.id, sku, requestKey, now })),
);
