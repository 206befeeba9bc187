import { route } from "@/lib/http/route";
import { listRedemptionsForUser, redemptionPageSchema } from "@/lib/rewards";
import { playerRedemptionJson } from "@/lib/api/serialize";

export const dynamic = "force-dynamic";

/** `GET /api/me/redemptions?cursor=&limit=` → `{ items, nextCursor }`, newest first. */
export const GET = route({ auth: "user", query: redemptionPageSchema }, async ({ db, user, query }) => {
  const page = await listRedemptionsForUser(db, {
    userId: user.id,
    cursor: query.cursor,
    limit: query.limit,
  });
  return { items: page.items.map(playerRedemptionJson), nextCursor: page.nextCursor };
});
