import { emptyBodySchema } from "@/lib/admin/schemas";
import { adminStartSettlement } from "@/lib/admin/jobs";
import { calendarDay } from "@/lib/admin/operations";
import { startedResponse } from "@/lib/http/background";
import { route } from "@/lib/http/route";
import { settlementSummary } from "@/lib/settlement";

export const dynamic = "force-dynamic";

/** Per-day and per-symbol summary. */
export const GET = route({ auth: "admin" }, async ({ db, params }) =>
  settlementSummary(db, { tradingDay: calendarDay(params.day ?? "") }),
);

/**
 * Settle (or re-run, retry) the day in the background: 202 with the run to follow, a second
 * start joins it. Missing universe / EOD or a close not final yet → 409 saying what to do first.
 */
export const POST = route({ auth: "admin", body: emptyBodySchema }, async ({ db, now, user, params }) =>
  startedResponse(await adminStartSettlement(db, { actorId: user.id, now, tradingDay: params.day ?? "" })),
);
