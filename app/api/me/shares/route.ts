import { z } from "zod";
import { route } from "@/lib/http/route";
import { resolveLocale } from "@/lib/i18n/request";
import { createShare, myShares, shareUrl } from "@/lib/share/shares";

export const dynamic = "force-dynamic";

const body = z.object({ day: z.string().max(20) }).strict();

/** `POST /api/me/shares {"day"}` → `{ url, token, day }`: the public link of that day (the same one if asked again). */
export const POST = route({ auth: "user", body }, async ({ db, user, now, req, body: b }) => {
  const share = await createShare(db, { userId: user.id, day: b.day, locale: await resolveLocale(), now });
  return { url: shareUrl(share.token, req.nextUrl.origin), token: share.token, day: share.day };
});

/** `GET /api/me/shares`: the player's live links. */
export const GET = route({ auth: "user" }, async ({ db, user, req }) =>
  (await myShares(db, user.id)).map((s) => ({
    token: s.token,
    day: s.day,
    url: shareUrl(s.token, req.nextUrl.origin),
  })),
);
