import { parseWith, route } from "@/lib/http/route";
import { skuSchema, updateItemSchema, updateItem } from "@/lib/rewards";
import { adminItemJson } from "@/lib/api/serialize";
import { jsonObjectBody, withAddress } from "@/lib/rewards/service";

export const dynamic = "force-dynamic";

/** `PATCH { cost?, active?, nameKo?, … }` → `{ item }`. The SKU is the address, not a field. */
export const PATCH = route(
  { auth: "admin", body: jsonObjectBody },
  async ({ db, now, user, body, params }) => {
    const sku = parseWith(skuSchema, params.sku, "query");
    const changes = parseWith(updateItemSchema, withAddress(body, "sku", sku), "body");
    const item = await updateItem(db, { actorId: user.id, now, ...changes });
    return { item: adminItemJson(item) };
  },
);
