import { z } from "zod";
import { parseWith, route } from "@/lib/http/route";
import { markIssued, markIssuedSchema } from "@/lib/rewards";
import { jsonObjectBody, withAddress } from "@/lib/rewards/service";

export const dynamic = "force-dynamic";

/** `POST { code?, note? }` → `{ changed, status }`. Repeating it changes nothing (`changed: false`). */
export const POST = route(
  { auth: "admin", body: jsonObjectBody },
  async ({ db, now, user, body, params }) => {
    const redemptionId = parseWith(z.uuid(), params.id, "query");
    const input = parseWith(markIssuedSchema, withAddress(body, "redemptionId", redemptionId), "body");
    const r = await markIssued(db, { actorId: user.id, now, ...input });
    return { changed: r.changed, status: r.redemption.status };
  },
);
