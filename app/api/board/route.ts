import { optionalUser } from "@/lib/auth/guards";
import { loadBoard } from "@/lib/board/board";
import { route } from "@/lib/http/route";
import { localeOfHeaders } from "@/lib/i18n/config";
import { appPriceProvider } from "@/lib/prices/app-provider";

export const dynamic = "force-dynamic";

/** The whole board in one read; anonymous visitors get it without calls or slots. */
export const GET = route({ auth: "public", rateLimit: "public-reads" }, async ({ req, db, now }) => {
  const user = await optionalUser(db);
  return loadBoard(db, {
    userId: user?.id ?? null,
    now,
    provider: appPriceProvider(),
    locale: localeOfHeaders(req.headers),
  });
});
