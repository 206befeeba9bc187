"use server";

import { adminRunIntegrity } from "@/lib/admin/operations";
import { noInputSchema } from "@/lib/admin/schemas";
import { adminAction } from "@/lib/http/action";
import { adminAdjust, adminAdjustSchema } from "@/lib/points";

/** Adjust a player's points with a reason; a repeated `adjustmentId` returns the first result. Second factor within 5 minutes. */
export const adjustPointsAction = adminAction(
  adminAdjustSchema,
  async (input, { db, now, user }) => {
    const { entry, created } = await adminAdjust(db, { actorId: user.id, now, ...input });
    return { created, entry: { amount: entry.amount, balanceAfter: entry.balanceAfter, refId: entry.refId } };
  },
  { secondFactor: "recent" },
);

/** Run the integrity checks now (audited) and return the problems found. */
export const runIntegrityAction = adminAction(noInputSchema, async (_input, { db, now, user }) =>
  adminRunIntegrity(db, { actorId: user.id, now }),
);
