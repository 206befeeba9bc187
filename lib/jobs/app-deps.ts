import "server-only";
/** The running app's wiring of jobs: configuration from lib/env, the app's price provider. */
import { env } from "@/lib/env";
import { appPriceProvider } from "@/lib/prices/app-provider";
import { scheduleCooldownRefill } from "./cooldown";
import type { QstashVerifyConfig } from "./qstash-verify";
import type { JobDeps } from "./types";

export function appQstashConfig(): QstashVerifyConfig {
  const e = env();
  return {
    publicBaseUrl: e.PUBLIC_BASE_URL,
    currentSigningKey: e.QSTASH_CURRENT_SIGNING_KEY,
    nextSigningKey: e.QSTASH_NEXT_SIGNING_KEY,
    qstashDev: e.QSTASH_DEV,
    isProduction: e.isProduction,
  };
}

/** Read when a job runs (never at import), so `next build` needs no configuration. */
export function appJobDeps(): JobDeps {
  return { priceProvider: appPriceProvider(), scheduleRefill: (r) => scheduleCooldownRefill(r) };
}
