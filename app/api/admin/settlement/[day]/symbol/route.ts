import { calendarDay } from "@/lib/admin/operations";
import { settleSymbolSchema } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";
import { settleSymbolManually } from "@/lib/settlement";

export const dynamic = "force-dynamic";

/** Settle one symbol with a given close (stored as a manual close; pays as the automatic run; audited by the domain). */
export const POST = route(
  { auth: "admin", body: settleSymbolSchema },
  async ({ db, now, user, body, params }) => {
    const r = await settleSymbolManually(db, {
      actorId: user.id,
      tradingDay: calendarDay(params.day ?? ""),
      symbol: body.symbol,
      close: body.close,
      now,
    });
    return { ...r, close: r.close.close, previousClose: r.previousClose?.close ?? null };
  },
);
