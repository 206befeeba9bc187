import { NextResponse } from "next/server";
import { z } from "zod";
import { appClock, shiftAppClockTo } from "@/lib/clock";
import { env } from "@/lib/env";
import { route } from "@/lib/http/route";
import { tickScheduler } from "@/lib/jobs/inprocess-scheduler";
import { isoKst } from "@/lib/time-format";

export const dynamic = "force-dynamic";

const body = z.union([
  z.object({ at: z.iso.datetime({ offset: true }), tick: z.boolean().optional() }).strict(),
  z
    .object({
      advanceMs: z
        .number()
        .int()
        .min(0)
        .max(7 * 86_400_000),
    })
    .strict(),
]);

/** Test-only: move the server clock. Exists only with TEST_CLOCK_CONTROL=1, refused in production. */
export const POST = route({ auth: "public", body }, async ({ db, body: b }) => {
  if (!env().TEST_CLOCK_CONTROL)
    return NextResponse.json({ ok: false, code: "not_found:route", message: "Not found." }, { status: 404 });
  shiftAppClockTo("at" in b ? new Date(b.at) : new Date(appClock.now().getTime() + b.advanceMs));
  // Time passing means due jobs run: one scheduler tick now, so a test sees their effect at once
  // (unless the test asks to do by hand what they would do).
  const tick = env().scheduler === "inprocess" && !("tick" in b && b.tick === false);
  const ticked = tick ? (await tickScheduler(db, appClock.now())).length : 0;
  return { ok: true, now: isoKst(appClock.now()), ticked };
});

export const GET = route({ auth: "public" }, async () => {
  if (!env().TEST_CLOCK_CONTROL)
    return NextResponse.json({ ok: false, code: "not_found:route", message: "Not found." }, { status: 404 });
  return { now: isoKst(appClock.now()) };
});
