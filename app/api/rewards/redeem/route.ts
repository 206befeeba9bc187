import { redeemJson } from "@/lib/api/serialize";
import { route } from "@/lib/http/route";
import { redeemSchema } from "@/lib/rewards";
import { redeemReward } from "@/lib/rewards/service";

export const dynamic = "force-dynamic";

/**
 * `POST { sku, requestKey }` → 201 `{ created: true, redemption, balance }`. The same request
 * key again answers 200 with the first redemption (`created: false`) and writes nothing.
 * Over the per-player rate → 429 with Retry-After.
 */
export const POST = route({ auth: "user", body: redeemSchema }, async ({ db, now, user, body }) => {
  const r = await redeemReward(db, { userId: user.id, sku: body.sku, requestKey: body.requestKey, now });
  return Response.json(redeemJson(r), { status: r.created ? 201 : 200 });
});
