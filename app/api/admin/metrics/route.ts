import { loadMetrics, metricsQuerySchema, metricsRange } from "@/lib/admin/metrics";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The dashboard's numbers per trading day: `?from=&to=` (default: the last 30 trading days). */
export const GET = route({ auth: "admin", query: metricsQuerySchema }, async ({ db, now, query }) =>
  loadMetrics(db, metricsRange(now, query), now),
);
