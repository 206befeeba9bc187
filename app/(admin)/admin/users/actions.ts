"use server";

import { setRole } from "@/lib/accounts";
import { liftSuspension, suspendUser } from "@/lib/accounts/suspension";
import { roleInputSchema, suspendInputSchema, userIdInputSchema } from "@/lib/admin/schemas";
import { roleChangeResult } from "@/lib/admin/users";
import { resetSecondFactor } from "@/lib/auth/second-factor";
import { endSessionsByAdmin } from "@/lib/auth/sessions";
import { adminAction } from "@/lib/http/action";

/** Change a role (audited by the domain); demoting yourself is refused. Second factor within 5 minutes. */
export const setRoleAction = adminAction(
  roleInputSchema,
  async ({ userId, role }, { db, now, user }) =>
    roleChangeResult(await setRole(db, { actorId: user.id, userId, role, now })),
  { secondFactor: "recent" },
);

/** End every session of a player (audited): their cookies are refused from the next request on. */
export const endSessionsAction = adminAction(userIdInputSchema, async ({ userId }, { db, now, user }) =>
  endSessionsByAdmin(db, { actorId: user.id, userId, now }),
);

/** Suspend a player with a reason (audited): their sessions end; calls, ads and redemptions are refused. */
export const suspendAction = adminAction(suspendInputSchema, async ({ userId, reason }, { db, now, user }) =>
  suspendUser(db, { actorId: user.id, userId, reason, now }),
);

/** Lift a suspension (audited). */
export const liftSuspensionAction = adminAction(userIdInputSchema, async ({ userId }, { db, now, user }) =>
  liftSuspension(db, { actorId: user.id, userId, now }),
);

/** Reset another admin's second factor (audited; their sessions end). Second factor within 5 minutes. */
export const resetSecondFactorAction = adminAction(
  userIdInputSchema,
  async ({ userId }, { db, now, user }) => resetSecondFactor(db, { actorId: user.id, userId, now }),
  { secondFactor: "recent" },
);
