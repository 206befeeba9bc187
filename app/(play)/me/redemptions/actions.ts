"use server";

import { userAction } from "@/lib/http/action";
import { cancelRedemptionSchema } from "@/lib/rewards/schemas";
import { cancelMyRedemption } from "@/lib/rewards/service";

/** Cancel one's own PENDING redemption: points back, unit back on sale, exactly once. */
export const cancelRedemptionAction = userAction(
  cancelRedemptionSchema,
  async ({ redemptionId }, { db, now, user }) =>
    cancelMyRedemption(db, { userId: user.id, redemptionId, now }),
);
