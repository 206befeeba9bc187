import { z } from "zod";
import { route } from "@/lib/http/route";
import { resolveLocale } from "@/lib/i18n/request";
import { updateLoopSettings } from "@/lib/loop/settings";
import {
  pushSubscriptionSchema,
  removePushSubscription,
  savePushSubscription,
} from "@/lib/push/subscriptions";

export const dynamic = "force-dynamic";

/** `POST /api/me/push` with a browser's `PushSubscription.toJSON()`: opt this device in to Web Push. */
export const POST = route({ auth: "user", body: pushSubscriptionSchema }, async ({ db, user, now, body }) => {
  await savePushSubscription(db, { userId: user.id, subscription: body, now });
  await updateLoopSettings(db, { userId: user.id, patch: {}, locale: await resolveLocale(), now });
  return { subscribed: true };
});

const unsubscribe = z.object({ endpoint: z.string().max(1000).optional() }).strict();

/** `DELETE /api/me/push {"endpoint"?}`: this device (or, without an endpoint, every device) stops getting pushes. */
export const DELETE = route({ auth: "user", body: unsubscribe }, async ({ db, user, body }) =>
  removePushSubscription(db, { userId: user.id, endpoint: body.endpoint }),
);
