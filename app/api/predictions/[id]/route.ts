import { predictionJson, slotsJson } from "@/lib/api/serialize";
import { parseWith, route } from "@/lib/http/route";
import { scheduleCooldownRefill } from "@/lib/jobs/cooldown";
import { changePredictionSchema, predictionIdSchema } from "@/lib/predictions/schemas";
import { cancelCall, changeCall } from "@/lib/predictions/service";

export const dynamic = "force-dynamic";

const idOf = (params: Record<string, string>) => parseWith(predictionIdSchema, params.id, "query");

export const PATCH = route(
  { auth: "user", body: changePredictionSchema },
  async ({ db, now, user, body, params }) => ({
    prediction: predictionJson(
      await changeCall(db, { userId: user.id, predictionId: idOf(params), choice: body.choice, now }),
    ),
  }),
);

export const DELETE = route({ auth: "user" }, async ({ db, now, user, params }) => {
  const r = await cancelCall(db, {
    userId: user.id,
    predictionId: idOf(params),
    now,
    scheduleRefill: scheduleCooldownRefill,
  });
  return { prediction: predictionJson(r.prediction), slots: slotsJson(r.slots) };
});
