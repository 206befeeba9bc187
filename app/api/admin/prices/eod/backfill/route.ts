import { adminBackfillEod } from "@/lib/admin/operations";
import { backfillEodSchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";
import { appPriceProvider } from "@/lib/prices/app-provider";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "admin", body: backfillEodSchema }, async ({ db, now, user, body }) =>
  adminBackfillEod(db, appPriceProvider(), { actorId: user.id, now, ...body }),
);
