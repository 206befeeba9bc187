import { route } from "@/lib/http/route";
import { createItem, createItemSchema, listCatalog, rewardStats } from "@/lib/rewards";
import { adminItemJson } from "@/lib/api/serialize";

export const dynamic = "force-dynamic";

/** Every item (inactive too) with its sales figures: `{ items, stats }`. */
export const GET = route({ auth: "admin" }, async ({ db }) => {
  const [items, stats] = [await listCatalog(db, { includeInactive: true }), await rewardStats(db)];
  return { items: items.map(adminItemJson), stats };
});

/** New item; its initial stock goes on sale at once. 201 `{ item }`; a taken SKU → 409. */
export const POST = route({ auth: "admin", body: createItemSchema }, async ({ db, now, user, body }) => {
  const item = await createItem(db, { actorId: user.id, now, ...body });
  return Response.json({ item: adminItemJson(item) }, { status: 201 });
});
