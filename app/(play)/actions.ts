"use server";

import { z } from "zod";
import { adStartJson, slotsJson } from "@/lib/api/serialize";
import { cardAfter } from "@/lib/board/board";
import type { BoardPatch } from "@/lib/board/types";
import { userAction } from "@/lib/http/action";
import { scheduleCooldownRefill } from "@/lib/jobs/cooldown";
import {
  changePredictionSchema,
  predictionIdSchema,
  submitPredictionSchema,
} from "@/lib/predictions/schemas";
import { beginAd, cancelCall, changeCall, finishAd, submitCall } from "@/lib/predictions/service";

/**
 * Board mutations. Each re-checks the session and parses its input; the server picks day and
 * time. Each answers with what changed on the board (the card, the slots), which the client
 * applies to its cached board instead of reading the whole board again.
 */
export const submitCallAction = userAction(
  submitPredictionSchema,
  async (input, { db, now, user }): Promise<BoardPatch> => {
    const r = await submitCall(db, {
      userId: user.id,
      player: user,
      ...input,
      now,
      scheduleRefill: scheduleCooldownRefill,
    });
    return { card: await cardAfter(db, r.prediction), slots: slotsJson(r.slots) };
  },
);

export const changeCallAction = userAction(
  changePredictionSchema.extend({ id: predictionIdSchema }).strict(),
  async (input, { db, now, user }): Promise<BoardPatch> => {
    const prediction = await changeCall(db, {
      userId: user.id,
      predictionId: input.id,
      choice: input.choice,
      now,
    });
    return { card: await cardAfter(db, prediction) };
  },
);

export const cancelCallAction = userAction(
  z.object({ id: predictionIdSchema }).strict(),
  async (input, { db, now, user }): Promise<BoardPatch> => {
    const r = await cancelCall(db, {
      userId: user.id,
      predictionId: input.id,
      now,
      scheduleRefill: scheduleCooldownRefill,
    });
    return { card: await cardAfter(db, r.prediction), slots: slotsJson(r.slots) };
  },
);

export const startAdAction = userAction(z.object({}).strict(), async (_input, { db, now, user }) =>
  adStartJson(await beginAd(db, { userId: user.id, now })),
);

export const completeAdAction = userAction(
  z.object({ token: z.uuid() }).strict(),
  async (input, { db, now, user }): Promise<BoardPatch> => ({
    slots: slotsJson((await finishAd(db, { userId: user.id, token: input.token, now })).slots),
  }),
);
