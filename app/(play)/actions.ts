"use server";

import { z } from "zod";
import { userAction } from "@/lib/http/action";
import { changePredictionSchema, predictionIdSchema, submitPredictionSchema } from "@/lib/predictions/schemas";
import { beginAd, cancelCall, changeCall, finishAd, submitCall } from "@/lib/predictions/service";

/** Board mutations. Each re-checks the session and parses its input; the server picks day and time. */
export const submitCallAction = userAction(submitPredictionSchema, async (input, { db, now, user }) => {
  const r = await submitCall(db, { userId: user.id, ...input, now });
  return { slots: r.slots };
});

export const changeCallAction = userAction(changePredictionSchema.extend({ id: predictionIdSchema }).strict(), async (input, { db, now, user }) => {
  await changeCall(db, { userId: user.id, predictionId: input.id, choice: input.choice, now });
  return { ok: true as const };
});

export const cancelCallAction = userAction(z.object({ id: predictionIdSchema }).strict(), async (input, { db, now, user }) => {
  const r = await cancelCall(db, { userId: user.id, predictionId: input.id, now });
  return { slots: r.slots };
});

export const startAdAction = userAction(z.object({}).strict(), async (_input, { db, now, user }) => beginAd(db, { userId: user.id, now }));

export const completeAdAction = userAction(z.object({ token: z.uuid() }).strict(), async (input, { db, now, user }) =>
  finishAd(db, { userId: user.id, token: input.token, now }),
);
