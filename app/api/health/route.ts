import { NextResponse } from "next/server";
import { probeDatabase } from "@/lib/admin/health";
import { appClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/errors";
import { isoKst } from "@/lib/time-format";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

/** Liveness and readiness: database reachability and the running version. */
export async function GET() {
  const probe = await probeDatabase();
  const database = probe.status === "ok" ? probe : { status: "down" as const, error: "database unreachable" };
  const ok = database.status === "ok";
  return NextResponse.json(
    {
      status: ok ? "ok" : "degraded",
      version: env().APP_VERSION ?? packageJson.version,
      time: isoKst(appClock.now()),
      database,
      priceProvider: env().PRICE_PROVIDER,
      scheduler: env().scheduler,
    },
    {
      status: ok ? 200 : 503,
      headers: {
        "Cache-Control": "no-store",
        ...(ok ? {} : { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) }),
      },
    },
  );
}
