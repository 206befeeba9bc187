import { route } from "@/lib/http/route";
import { adminRedemptionPageSchema, listRedemptionsForAdmin } from "@/lib/rewards";
import { adminRedemptionJson } from "@/lib/api/serialize";

export const dynamic = "force-dynamic";

/** The fulfilment queue: `?status=PENDING&order=oldest&cursor=&limit=` → `{ items, nextCursor }`. */
export const GET = route({ auth: "admin", query: adminRedemptionPageSchema }, async ({ db, query }) => {
  const page = await listRedemptionsForAdmin(db, query);
  return { items: page.items.map(adminRedemptionJson), nextCursor: page.nextCursor };
});
