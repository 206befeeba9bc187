import { universeQuotes } from "@/lib/admin/operations";
import { route } from "@/lib/http/route";
import { appPriceProvider } from "@/lib/prices/app-provider";

export const dynamic = "force-dynamic";

/** Current quotes of the universe players see now, with stale flags. */
export const GET = route({ auth: "admin" }, async ({ db, now }) => {
  const provider = appPriceProvider();
  return { provider: provider.id, ...(await universeQuotes(db, provider, now)) };
});
