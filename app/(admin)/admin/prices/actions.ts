"use server";

import { adminStartBackfill } from "@/lib/admin/jobs";
import { adminCollectEod, adminSetManualClose } from "@/lib/admin/operations";
import { backfillEodSchema, collectEodSchema, manualCloseSchema } from "@/lib/admin/schemas";
import { adminAction } from "@/lib/http/action";
import { inBackground } from "@/lib/http/background";
import { appPriceProvider } from "@/lib/prices/app-provider";

/** EOD closes: collect a day, backfill a range (in the background), or enter one close by hand (each audited). */
export const collectEodAction = adminAction(collectEodSchema, async ({ tradingDay }, { db, now, user }) =>
  adminCollectEod(db, appPriceProvider(), { actorId: user.id, now, tradingDay }),
);

export const backfillEodAction = adminAction(backfillEodSchema, async (input, { db, now, user }) =>
  inBackground(await adminStartBackfill(db, { actorId: user.id, now, ...input })),
);

export const manualCloseAction = adminAction(manualCloseSchema, async (input, { db, now, user }) =>
  adminSetManualClose(db, { actorId: user.id, now, ...input }),
);
