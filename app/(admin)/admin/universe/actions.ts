"use server";

import { universeInputSchema } from "@/lib/admin/schemas";
import { adminUpsertUniverse } from "@/lib/admin/universe";
import { adminAction } from "@/lib/http/action";

/** Replace a day's universe; an empty or missing list means the default list (audited). */
export const upsertUniverseAction = adminAction(
  universeInputSchema,
  async ({ tradingDay, symbols, confirmRemoval }, { db, now, user }) =>
    adminUpsertUniverse(db, { actorId: user.id, now, tradingDay, symbols, confirmRemoval }),
);
