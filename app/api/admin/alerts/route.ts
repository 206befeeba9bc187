import { listOpenAlerts } from "@/lib/admin/logs";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "admin" }, async ({ db }) => ({
  alerts: await listOpenAlerts(db, { limit: 50 }),
}));
