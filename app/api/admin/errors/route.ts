import { errorCounts, listErrors } from "@/lib/admin/logs";
import { errorsQuerySchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Recent errors, with counts per KST day and per kind over the last `days` days. */
export const GET = route({ auth: "admin", query: errorsQuerySchema }, async ({ db, now, query }) => ({
  ...(await errorCounts(db, { now, days: query.days ?? 14 })),
  recent: await listErrors(db, { kind: query.kind, limit: query.limit }),
}));
