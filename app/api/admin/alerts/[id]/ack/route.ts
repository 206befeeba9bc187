import { emptyBodySchema } from "@/lib/admin/schemas";
import { z } from "zod";
import { acknowledgeAlert } from "@/lib/admin/logs";
import { parseWith, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "admin", body: emptyBodySchema }, async ({ db, now, user, params }) => {
  const alertId = parseWith(z.uuid("An alert id"), params.id, "query");
  return acknowledgeAlert(db, { actorId: user.id, alertId, now });
});
