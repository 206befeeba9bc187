import { adminCollectEod } from "@/lib/admin/operations";
import { collectEodSchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";
import { appPriceProvider } from "@/lib/prices/app-provider";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "admin", body: collectEodSchema }, async ({ db, now, user, body }) =>
  adminCollectEod(db, appPriceProvider(), { actorId: user.id, now, tradingDay: body.tradingDay }),
);
