"use server";

import { z } from "zod";
import { parseTradingDay } from "@/lib/calendar";
import { userAction } from "@/lib/http/action";
import { resolveLocale } from "@/lib/i18n/request";
import { loopSettingsSchema, revealSeenSchema } from "@/lib/loop/schemas";
import { markRevealSeen, updateLoopSettings } from "@/lib/loop/settings";
import {
  pushSubscriptionSchema,
  removePushSubscription,
  savePushSubscription,
} from "@/lib/push/subscriptions";
import { createShare, revokeShare, sharePath } from "@/lib/share/shares";

/** The daily loop's mutations for the app's own pages (the JSON API calls the same functions). */
export const saveLoopSettingsAction = userAction(loopSettingsSchema, async (patch, { db, now, user }) =>
  updateLoopSettings(db, { userId: user.id, patch, locale: await resolveLocale(), now }),
);

export const markRevealSeenAction = userAction(
  revealSeenSchema.extend({ rank: z.number().int().min(1).nullable() }).strict(),
  async (input, { db, now, user }) => {
    const day = parseTradingDay(input.day, { field: "day" });
    await markRevealSeen(db, { userId: user.id, day, rank: input.rank, now });
    return { day };
  },
);

export const shareDayAction = userAction(revealSeenSchema, async ({ day }, { db, now, user }) => {
  const share = await createShare(db, { userId: user.id, day, locale: await resolveLocale(), now });
  return { path: sharePath(share.token), token: share.token };
});

export const revokeShareAction = userAction(
  z.object({ token: z.string().max(40) }).strict(),
  async ({ token }, { db, now, user }) => revokeShare(db, { userId: user.id, token, now }),
);

export const subscribePushAction = userAction(
  pushSubscriptionSchema,
  async (subscription, { db, now, user }) => {
    await savePushSubscription(db, { userId: user.id, subscription, now });
    // The language of pushes follows the language the player uses when they opt in.
    await updateLoopSettings(db, { userId: user.id, patch: {}, locale: await resolveLocale(), now });
    return { subscribed: true };
  },
);

export const unsubscribePushAction = userAction(
  z.object({ endpoint: z.string().max(1000) }).strict(),
  async ({ endpoint }, { db, user }) => removePushSubscription(db, { userId: user.id, endpoint }),
);
