import { route } from "@/lib/http/route";
import { resolveLocale } from "@/lib/i18n/request";
import { pendingReveal, todayProgress } from "@/lib/loop/player";
import { loopSettingsSchema } from "@/lib/loop/schemas";
import { getLoopSettings, updateLoopSettings } from "@/lib/loop/settings";

export const dynamic = "force-dynamic";

/** `GET /api/me/loop`: the daily-loop settings, today's goal progress and the unseen morning reveal, if any. */
export const GET = route({ auth: "user" }, async ({ db, user, now }) => ({
  settings: await getLoopSettings(db, user.id),
  today: await todayProgress(db, user.id, now),
  reveal: await pendingReveal(db, user.id, now),
}));

/** `PATCH /api/me/loop`: change settings (`dailyGoal` 1–10, `hideFromBoards`, `reminderAt`, `resultsPush`, `quiet`). */
export const PATCH = route({ auth: "user", body: loopSettingsSchema }, async ({ db, user, now, body }) =>
  updateLoopSettings(db, { userId: user.id, patch: body, locale: await resolveLocale(), now }),
);
