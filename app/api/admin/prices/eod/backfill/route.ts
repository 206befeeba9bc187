import { adminStartBackfill } from "@/lib/admin/jobs";
import { backfillEodSchema } from "@/lib/admin/schemas";
import { startedResponse } from "@/lib/http/background";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Backfill a range's closes in the background: 202 with the run to follow (a second start joins it). */
export const POST = route({ auth: "admin", body: backfillEodSchema }, async ({ db, now, user, body }) =>
  startedResponse(await adminStartBackfill(db, { actorId: user.id, now, ...body })),
);
