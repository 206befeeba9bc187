import { route } from "@/lib/http/route";
import { revokeShare } from "@/lib/share/shares";

export const dynamic = "force-dynamic";

/** `DELETE /api/me/shares/:token`: revoke a share link (its page and image answer 404 from then on). */
export const DELETE = route({ auth: "user" }, async ({ db, user, now, params }) =>
  revokeShare(db, { userId: user.id, token: params.token ?? "", now }),
);
