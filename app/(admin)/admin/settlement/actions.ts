"use server";

import { adminStartSettlement } from "@/lib/admin/jobs";
import { calendarDay } from "@/lib/admin/operations";
import { inBackground } from "@/lib/http/background";
import { settleDayInputSchema, settleSymbolInputSchema } from "@/lib/admin/schemas";
import { adminAction } from "@/lib/http/action";
import { settleSymbolManually } from "@/lib/settlement";

/** Settle (or re-run) a day in the background; missing universe or closes are refused with the step to run first. */
export const settleDayAction = adminAction(settleDayInputSchema, async ({ tradingDay }, { db, now, user }) =>
  inBackground(await adminStartSettlement(db, { actorId: user.id, now, tradingDay })),
);

/** Settle one symbol with a given close (stored as a manual close; audited by the domain). */
export const settleSymbolAction = adminAction(settleSymbolInputSchema, async (input, { db, now, user }) => {
  const r = await settleSymbolManually(db, {
    actorId: user.id,
    tradingDay: calendarDay(input.tradingDay),
    symbol: input.symbol,
    close: input.close,
    now,
  });
  return { ...r, close: r.close.close, previousClose: r.previousClose?.close ?? null };
});
