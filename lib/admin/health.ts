import "server-only";
/** What the operator needs to know at a glance: database, price provider, scheduler. */
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db";
import { env } from "@/lib/env";

export type AdminHealth = {
  database: { status: "ok" | "down"; driver?: string; latencyMs?: number };
  priceProvider: { kind: "yahoo" | "simulated"; simulated: boolean };
  scheduler: { kind: string };
  version: string | null;
};

export async function adminHealth(): Promise<AdminHealth> {
  const started = performance.now();
  let database: AdminHealth["database"];
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    database = { status: "ok", driver: handle.driver, latencyMs: Math.round(performance.now() - started) };
  } catch {
    database = { status: "down" };
  }
  const e = env();
  return {
    database,
    priceProvider: { kind: e.PRICE_PROVIDER, simulated: e.PRICE_PROVIDER === "simulated" },
    scheduler: { kind: e.scheduler },
    version: e.APP_VERSION ?? null,
  };
}
