import { listAudit } from "@/lib/admin/logs";
import { auditQuerySchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "admin", query: auditQuerySchema }, async ({ db, query }) => ({
  entries: await listAudit(db, query),
}));
