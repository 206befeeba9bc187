import { adminHealth } from "@/lib/admin/health";
import { route } from "@/lib/http/route";
import { getSessionStatus, sessionStatusJson } from "@/lib/sessions/status";

export const dynamic = "force-dynamic";

/** Database, price provider (simulated or not), scheduler kind and today's session. */
export const GET = route({ auth: "admin" }, async ({ db, now }) => ({
  ...(await adminHealth()),
  session: sessionStatusJson(await getSessionStatus(db, now)),
}));
