import { emptyBodySchema } from "@/lib/admin/schemas";
import { adminSettleDay, calendarDay } from "@/lib/admin/operations";
import { route } from "@/lib/http/route";
import { settlementSummary } from "@/lib/settlement";

export const dynamic = "force-dynamic";

/** Per-day and per-symbol summary. */
export const GET = route({ auth: "admin" }, async ({ db, params }) =>
  settlementSummary(db, { tradingDay: calendarDay(params.day ?? "") }),
);

/** Run (or re-run, retry) the day. Missing universe / EOD or a close not final yet → 409 saying what to do first. */
export const POST = route({ auth: "admin", body: emptyBodySchema }, async ({ db, now, user, params }) =>
  adminSettleDay(db, { actorId: user.id, now, tradingDay: params.day ?? "" }),
);
