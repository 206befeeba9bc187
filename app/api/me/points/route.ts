import { ledgerEntryJson } from "@/lib/api/serialize";
import { route } from "@/lib/http/route";
import { getBalance, ledgerPageSchema, listLedger } from "@/lib/points";

export const dynamic = "force-dynamic";

/**
 * `GET /api/me/points?cursor=&limit=` → `{ balance, items, nextCursor }`, newest first.
 * Pass `nextCursor` back as `cursor` for the next (older) page; it is null on the last.
 */
export const GET = route({ auth: "user", query: ledgerPageSchema }, async ({ db, user, query }) => {
  const page = await listLedger(db, { userId: user.id, cursor: query.cursor, limit: query.limit });
  return {
    balance: await getBalance(db, user.id),
    items: page.items.map(ledgerEntryJson),
    nextCursor: page.nextCursor,
  };
});
