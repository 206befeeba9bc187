import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDbHandle } from "@/db";
import { appClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { isoKst } from "@/lib/time-format";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

/** Liveness and readiness: database reachability and the running version. */
export async function GET() {
  const started = performance.now();
  let database: { status: "ok" | "down"; driver?: string; latencyMs?: number; error?: string };
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    database = { status: "ok", driver: handle.driver, latencyMs: Math.round(performance.now() - started) };
  } catch {
    database = { status: "down", error: "database unreachable" };
  }
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
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
