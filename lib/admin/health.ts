import "server-only";
/** What the operator needs to know at a glance: database, price provider, scheduler. */
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db";
import { env } from "@/lib/env";

export type DatabaseHealth = { status: "ok" | "down"; driver?: string; latencyMs?: number };

export type AdminHealth = {
  database: DatabaseHealth;
  priceProvider: { kind: "yahoo" | "simulated"; simulated: boolean };
  scheduler: { kind: string };
  version: string | null;
};

/** The health probe gives up after this long: a stalled database must not stall the probe. */
export const HEALTH_PROBE_TIMEOUT_MS = 1_500;

export type DatabaseProbe = { status: "ok"; driver: string; latencyMs: number } | { status: "down" };

/** `select 1` within HEALTH_PROBE_TIMEOUT_MS; anything else (an error, no answer) is "down". */
export async function probeDatabase(timeoutMs = HEALTH_PROBE_TIMEOUT_MS): Promise<DatabaseProbe> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const probe = (async () => {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return handle.driver;
  })();
  probe.catch(() => {}); // a late failure after the timeout is of no interest
  try {
    const driver = await Promise.race([probe, timedOut]);
    if (driver === "timeout") return { status: "down" };
    return { status: "ok", driver, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { status: "down" };
  } finally {
    clearTimeout(timer);
  }
}

export async function adminHealth(): Promise<AdminHealth> {
  const database = await probeDatabase();
  const e = env();
  return {
    database,
    priceProvider: { kind: e.PRICE_PROVIDER, simulated: e.PRICE_PROVIDER === "simulated" },
    scheduler: { kind: e.scheduler },
    version: e.APP_VERSION ?? null,
  };
}
