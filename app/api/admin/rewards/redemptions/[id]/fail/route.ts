import { z } from "zod";
import { parseWith, route } from "@/lib/http/route";
import { markFailed, markFailedSchema } from "@/lib/rewards";
import { jsonObjectBody, withAddress } from "@/lib/rewards/service";

export const dynamic = "force-dynamic";

/** `POST { reason }` → `{ changed, status, refunded }`: the points go back and the unit returns to stock, once. */
export const POST = route(
  { auth: "admin", body: jsonObjectBody },
  async ({ db, now, user, body, params }) => {
    const redemptionId = parseWith(z.uuid(), params.id, "query");
    const input = parseWith(markFailedSchema, withAddress(body, "redemptionId", redemptionId), "body");
    const r = await markFailed(db, { actorId: user.id, now, ...input });
    return { changed: r.changed, status: r.redemption.status, refunded: r.redemption.cost };
  },
);
