import { z } from "zod";
import { parseWith, route } from "@/lib/http/route";
import { cancelMyRedemption } from "@/lib/rewards/service";

export const dynamic = "force-dynamic";

/** `POST` (empty body) → `{ changed, status, refunded, balance }`. Only the owner's PENDING redemption. */
export const POST = route(
  { auth: "user", body: z.object({}).strict() },
  async ({ db, now, user, params }) => {
    const redemptionId = parseWith(z.uuid(), params.id, "query");
    return cancelMyRedemption(db, { userId: user.id, redemptionId, now });
  },
);
