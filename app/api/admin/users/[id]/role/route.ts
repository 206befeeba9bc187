import { setRole } from "@/lib/accounts";
import { roleBodySchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Change a role (audited by the domain). Demoting yourself → 409 conflict:cannot_demote_self. */
export const PUT = route({ auth: "admin", body: roleBodySchema }, async ({ db, now, user, body, params }) => {
  const updated = await setRole(db, { actorId: user.id, userId: params.id ?? "", role: body.role, now });
  return { id: updated.id, nickname: updated.nickname, role: updated.role };
});
