import { getDbHandle } from "@/db";
import { shiftAppClockTo } from "./clock";
import { ConfigError, env } from "./env";
import { log } from "./log";

export async function boot(): Promise<void> {
  let e;
  try {
    e = env();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\nOX Universe cannot start.\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // Behind a load balancer every instance must build the same OAuth callback URL (the public
  // one), whatever host or port the request reached it on: Auth.js takes its base from AUTH_URL.
  if (e.PUBLIC_BASE_URL && !process.env.AUTH_URL) process.env.AUTH_URL = e.PUBLIC_BASE_URL;
  if (e.TEST_CLOCK_START) {
    shiftAppClockTo(new Date(e.TEST_CLOCK_START));
    log.warn({ at: e.TEST_CLOCK_START }, "test clock in use");
  }
  try {
    await getDbHandle();
  } catch (err) {
    console.error(
      `\nOX Universe cannot open its database: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
  if (e.scheduler === "inprocess") {
    // QStash is not configured: run the daily cycle in this process, once the database is ready.
    const { startInprocessScheduler } = await import("./jobs/inprocess-scheduler");
    const { getDb } = await import("@/db");
    startInprocessScheduler({ getDb });
  }
  log.info({ appEnv: e.APP_ENV, prices: e.PRICE_PROVIDER, scheduler: e.scheduler }, "OX Universe started");
}
