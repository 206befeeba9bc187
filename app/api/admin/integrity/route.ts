import { emptyBodySchema } from "@/lib/admin/schemas";
import { adminRunIntegrity } from "@/lib/admin/operations";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Run the integrity checks now (audited) and return the problems found. */
export const POST = route({ auth: "admin", body: emptyBodySchema }, async ({ db, now, user }) =>
  adminRunIntegrity(db, { actorId: user.id, now }),
);
