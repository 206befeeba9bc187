import { adminUpsertUniverse } from "@/lib/admin/universe";
import { route } from "@/lib/http/route";
import { getUniverse, universeTradingDay, universeUpsertSchema } from "@/lib/universe";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "admin" }, async ({ db, params }) => {
  const tradingDay = universeTradingDay(params.day);
  return { tradingDay, symbols: await getUniverse(db, tradingDay) };
});

/**
 * Replace a day's universe; an empty or missing list means the default list. Removing a symbol
 * with pending calls answers 409 with their number until `confirmRemoval: true`.
 */
export const PUT = route(
  { auth: "admin", body: universeUpsertSchema },
  async ({ db, now, user, body, params }) =>
    adminUpsertUniverse(db, {
      actorId: user.id,
      now,
      tradingDay: params.day ?? "",
      symbols: body.symbols,
      confirmRemoval: body.confirmRemoval,
    }),
);
