import { exportCsv, exportQuerySchema, exportTableOf } from "@/lib/admin/export";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * `GET /api/admin/export/<table>.csv`: players, redemptions, audit, metrics (`?from=&to=`), or
 * the ledger of one player (`ledger.csv?userId=`), streamed and bounded (lib/admin/export.ts).
 */
export const GET = route({ auth: "admin", query: exportQuerySchema }, async ({ db, now, query, params }) => {
  const table = exportTableOf(params.file);
  const stream = await exportCsv(db, { table, query, now });
  const stamp = now.toISOString().slice(0, 10);
  const name = table === "ledger" ? `ledger-${query.userId}-${stamp}.csv` : `${table}-${stamp}.csv`;
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
