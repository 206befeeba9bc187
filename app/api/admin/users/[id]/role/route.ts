import { setRole } from "@/lib/accounts";
import { roleBodySchema } from "@/lib/admin/schemas";
import { roleChangeResult } from "@/lib/admin/users";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Change a role (audited by the domain). Demoting yourself → 409 conflict:cannot_demote_self.
 * Needs the second factor passed within 5 minutes (403 `forbidden:second_factor_recent`).
 * A demotion answers with `adminDemotedAt` and a notice: it holds against ADMIN_EMAILS.
 */
export const PUT = route(
  { auth: "admin", secondFactor: "recent", body: roleBodySchema },
  async ({ db, now, user, body, params }) => {
    const updated = await setRole(db, { actorId: user.id, userId: params.id ?? "", role: body.role, now });
    return roleChangeResult(updated);
  },
);
