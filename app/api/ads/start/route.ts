import { adStartJson } from "@/lib/api/serialize";
import { route } from "@/lib/http/route";
import { beginAd } from "@/lib/predictions/service";

export const dynamic = "force-dynamic";

/** Start the built-in rewarded ad: a one-time token, redeemable after the minimum watch time. */
export const POST = route({ auth: "user" }, async ({ db, now, user }) =>
  adStartJson(await beginAd(db, { userId: user.id, now })),
);
