import { predictionJson, slotsJson } from "@/lib/api/serialize";
import { route } from "@/lib/http/route";
import { scheduleCooldownRefill } from "@/lib/jobs/cooldown";
import { submitPredictionSchema } from "@/lib/predictions/schemas";
import { submitCall } from "@/lib/predictions/service";

export const dynamic = "force-dynamic";

/** `{ symbol, choice }` — the server decides the trading day, the time and the snapshot. */
export const POST = route({ auth: "user", body: submitPredictionSchema }, async ({ db, now, user, body }) => {
  const r = await submitCall(db, {
    userId: user.id,
    player: user,
    symbol: body.symbol,
    choice: body.choice,
    now,
    scheduleRefill: scheduleCooldownRefill,
  });
  return Response.json(
    { prediction: predictionJson(r.prediction), slots: slotsJson(r.slots) },
    { status: 201 },
  );
});
