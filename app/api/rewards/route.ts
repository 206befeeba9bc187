import { requireAdmin } from "@/lib/auth/guards";
import { route } from "@/lib/http/route";
import { catalogQuerySchema, listCatalog } from "@/lib/rewards";
import { publicItemJson } from "@/lib/rewards/service";

export const dynamic = "force-dynamic";

/** `GET /api/rewards` → `{ items }`, active items cheapest first. `?all=1` (inactive too) is for admins. */
export const GET = route(
  { auth: "public", query: catalogQuerySchema, rateLimit: "public-reads" },
  async ({ db, query }) => {
    if (query.all) await requireAdmin(db);
    const items = await listCatalog(db, { includeInactive: query.all === true });
    return { items: items.map(publicItemJson) };
  },
);
