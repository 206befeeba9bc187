import { z } from "zod";
import { slotsJson } from "@/lib/api/serialize";
import { route } from "@/lib/http/route";
import { finishAd } from "@/lib/predictions/service";

export const dynamic = "force-dynamic";

const body = z.object({ token: z.uuid("not an ad token") }).strict();

export const POST = route({ auth: "user", body }, async ({ db, now, user, body: b }) => ({
  slots: slotsJson((await finishAd(db, { userId: user.id, token: b.token, now })).slots),
}));
