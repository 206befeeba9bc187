import { emptyBodySchema } from "@/lib/admin/schemas";
import { endSessionsByAdmin } from "@/lib/auth/sessions";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** End every session of a player (audited): their cookies are refused from the next request on. */
export const POST = route({ auth: "admin", body: emptyBodySchema }, async ({ db, now, user, params }) => {
  return endSessionsByAdmin(db, { actorId: user.id, userId: params.id ?? "", now });
});
