import { liftSuspension, suspendUser } from "@/lib/accounts/suspension";
import { suspendSchema } from "@/lib/accounts/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Suspend a player: `{ reason }` (audited). Their sessions end at once; they may sign in again
 * and read their history, but calls, ads and redemptions answer 403 `forbidden:suspended`.
 */
export const POST = route({ auth: "admin", body: suspendSchema }, async ({ db, now, user, body, params }) =>
  suspendUser(db, { actorId: user.id, userId: params.id ?? "", reason: body.reason, now }),
);

/** Lift the suspension (audited): everything is restored. */
export const DELETE = route({ auth: "admin" }, async ({ db, now, user, params }) =>
  liftSuspension(db, { actorId: user.id, userId: params.id ?? "", now }),
);
