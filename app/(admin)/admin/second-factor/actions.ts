"use server";

import { secondFactorSchema } from "@/lib/admin/schemas";
import { sessionRef } from "@/lib/auth/guards";
import { passSecondFactor } from "@/lib/auth/second-factor";
import { adminAction } from "@/lib/http/action";

/**
 * The second-factor gate's one action: a code from the authenticator (the first one confirms
 * a new authenticator and returns the recovery codes, once) or a recovery code. Open to an
 * admin whose session has not passed it yet: it is the way in.
 */
export const passSecondFactorAction = adminAction(
  secondFactorSchema,
  async ({ code }, { db, now, user }) =>
    passSecondFactor(db, { userId: user.id, sessionId: (await sessionRef())?.sessionId ?? "", code, now }),
  { secondFactor: "none" },
);
