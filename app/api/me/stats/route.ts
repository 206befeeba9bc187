import { route } from "@/lib/http/route";
import { myStats } from "@/lib/loop/stats";

export const dynamic = "force-dynamic";

/** `GET /api/me/stats`: accuracy over time with its baselines, points, by symbol, by hour, streak history. */
export const GET = route({ auth: "user" }, async ({ db, user, now }) => myStats(db, user.id, now));
