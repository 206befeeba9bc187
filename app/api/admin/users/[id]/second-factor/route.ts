import { resetSecondFactor } from "@/lib/auth/second-factor";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Reset another admin's second factor (a lost authenticator with no recovery code left):
 * removed with its recovery codes, their sessions ended, audited. Needs the acting admin's
 * second factor within 5 minutes. Oneself → 409 `conflict:second_factor_self`.
 */
export const DELETE = route({ auth: "admin", secondFactor: "recent" }, async ({ db, now, user, params }) =>
  resetSecondFactor(db, { actorId: user.id, userId: params.id ?? "", now }),
);
