import { route } from "@/lib/http/route";
import { getSessionStatus, sessionStatusJson } from "@/lib/sessions/status";

export const dynamic = "force-dynamic";

/** `{ tradingDay, phase, opensAt, closesAt, nextOpenAt, marketState, … }`, instants in KST ISO form. */
export const GET = route({ auth: "public", rateLimit: "public-reads" }, async ({ db, now }) =>
  sessionStatusJson(await getSessionStatus(db, now)),
);
