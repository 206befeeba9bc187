"use server";

import { universeInputSchema } from "@/lib/admin/schemas";
import { adminUpsertUniverse, providerValidator } from "@/lib/admin/universe";
import { appPriceProvider } from "@/lib/prices/app-provider";
import { adminAction } from "@/lib/http/action";
import { universePolicySchema } from "@/lib/universe";
import { setUniversePolicy } from "@/lib/universe/policy";

/** Replace a day's universe; an empty or missing list means the default list (audited). */
export const upsertUniverseAction = adminAction(
  universeInputSchema,
  async ({ tradingDay, symbols, confirmRemoval }, { db, now, user }) =>
    adminUpsertUniverse(db, { actorId: user.id, now, tradingDay, symbols, confirmRemoval }),
);

/** How the 05:30 job chooses the list of a day nobody set (audited). */
export const setUniversePolicyAction = adminAction(universePolicySchema, async (policy, { db, now, user }) =>
  setUniversePolicy(db, {
    actorId: user.id,
    now,
    policy,
    validate: providerValidator(appPriceProvider()),
  }),
);
