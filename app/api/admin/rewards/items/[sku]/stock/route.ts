import { parseWith, route } from "@/lib/http/route";
import { addStock, addStockSchema, skuSchema } from "@/lib/rewards";
import { adminItemJson } from "@/lib/api/serialize";
import { jsonObjectBody, withAddress } from "@/lib/rewards/service";

export const dynamic = "force-dynamic";

/** `POST { quantity }`: positive puts units on sale, negative takes unsold units off. → `{ item }`. */
export const POST = route(
  { auth: "admin", body: jsonObjectBody },
  async ({ db, now, user, body, params }) => {
    const sku = parseWith(skuSchema, params.sku, "query");
    const input = parseWith(addStockSchema, withAddress(body, "sku", sku), "body");
    const item = await addStock(db, { actorId: user.id, now, ...input });
    return { item: adminItemJson(item) };
  },
);
