import { adminSetManualClose } from "@/lib/admin/operations";
import { manualCloseSchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Store an admin-entered close; an existing close is only replaced with `replace: true`. */
export const POST = route({ auth: "admin", body: manualCloseSchema }, async ({ db, now, user, body }) =>
  adminSetManualClose(db, { actorId: user.id, now, ...body }),
);
