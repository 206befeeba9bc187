import "server-only";
/**
 * Cooldown refill callbacks (SPEC §4). Slots are derived from timestamps on every read, so a
 * callback only makes a refill visible sooner (and recorded as a job run); a late, duplicate
 * or lost one changes nothing. Call `scheduleCooldownRefill` whenever a change returns a
 * `refillDueAt` (a new timer started).
 *
 * - QStash: a delayed message (`notBefore` = the due instant) to /api/cron/cooldown-refill,
 *   with the business key as `deduplicationId`, so scheduling twice enqueues once.
 * - In-process: an in-memory queue, drained by the scheduler tick when the app clock passes
 *   the due instant. It is lost on restart, which is harmless for the reason above.
 * - Off: nothing; reads stay correct.
 */
import { Client } from "@upstash/qstash";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/process-singleton";
import type { CooldownRefill } from "./types";
import { cronUrl } from "./schedules";

export type CooldownConfig = {
  scheduler: "qstash" | "inprocess" | "off";
  publicBaseUrl?: string;
  qstashToken?: string;
  qstashUrl?: string;
};

export type Publish = (message: {
  url: string;
  body: Record<string, string>;
  notBefore: number;
  deduplicationId: string;
}) => Promise<{ messageId?: string }>;

export type ScheduledRefill = {
  via: "qstash" | "inprocess" | "none";
  key: string;
  messageId?: string;
  error?: string;
};

const MAX_QUEUED = 100_000;
const refillLog = log.child({ module: "jobs", job: "cooldown-refill" });

export function refillKey(r: CooldownRefill): string {
  return `${r.userId}:${r.tradingDay}:${r.dueAt.toISOString()}`;
}

function queue(): Map<string, CooldownRefill> {
  return processSingleton("cooldown-refill-queue", () => new Map<string, CooldownRefill>());
}

function appConfig(): CooldownConfig {
  const e = env();
  return {
    scheduler: e.scheduler,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    qstashToken: e.QSTASH_TOKEN,
    qstashUrl: e.QSTASH_URL,
  };
}

function qstashPublish(config: CooldownConfig): Publish {
  // devMode false: never let QSTASH_DEV redirect real messages to a local development server.
  const client = new Client({
    token: config.qstashToken,
    baseUrl: config.qstashUrl,
    devMode: false,
    enableTelemetry: false,
  });
  return async (m) => {
    const r = await client.publishJSON({
      url: m.url,
      body: m.body,
      notBefore: m.notBefore,
      deduplicationId: m.deduplicationId,
      retries: 3,
    });
    return { messageId: "messageId" in r ? String(r.messageId) : undefined };
  };
}

/** Never throws: a refill that cannot be scheduled still happens lazily on the next read. */
export async function scheduleCooldownRefill(
  refill: CooldownRefill,
  opts: { config?: CooldownConfig; publish?: Publish } = {},
): Promise<ScheduledRefill> {
  const key = refillKey(refill);
  const config = opts.config ?? appConfig();
  if (config.scheduler === "inprocess") {
    if (queue().size < MAX_QUEUED) queue().set(key, refill);
    return { via: "inprocess", key };
  }
  if (config.scheduler !== "qstash" || !config.publicBaseUrl || !config.qstashToken)
    return { via: "none", key };
  try {
    const publish = opts.publish ?? qstashPublish(config);
    const r = await publish({
      url: cronUrl(config.publicBaseUrl, "cooldown-refill"),
      body: { userId: refill.userId, tradingDay: refill.tradingDay, dueAt: refill.dueAt.toISOString() },
      notBefore: Math.ceil(refill.dueAt.getTime() / 1000),
      // Sent as the Upstash-Deduplication-Id header: kept to plain token characters.
      deduplicationId: `cooldown-refill_${key.replace(/[^A-Za-z0-9._-]/g, "_")}`,
    });
    return { via: "qstash", key, messageId: r.messageId };
  } catch (err) {
    refillLog.warn(
      { err, key },
      "could not schedule the cooldown refill callback; it will be derived on read",
    );
    return { via: "qstash", key, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Refills queued in this process that are due at `now` (removed from the queue). */
export function takeDueRefills(now: Date): CooldownRefill[] {
  const due: CooldownRefill[] = [];
  for (const [key, r] of queue()) {
    if (r.dueAt.getTime() <= now.getTime()) {
      due.push(r);
      queue().delete(key);
    }
  }
  return due;
}
