import "server-only";
/**
 * Sending one Web Push message with VAPID through `web-push` (RFC 8291 aes128gcm encryption,
 * RFC 8292 VAPID). A 404 or 410 from the push service means the subscription is gone for good.
 */
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import webpush from "web-push";
import type { PushSubscription } from "@/db/schema";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

export type PushMessage = { title: string; body: string; url: string; tag: string };
export type PushOutcome = "sent" | "gone" | "failed";

const TIMEOUT_MS = 10_000;

/** Test-only (PUSH_TEST_CA_FILE): trust the local push service's certificate. */
const testAgent = processSingleton("push-test-agent", () => ({ agent: undefined as Agent | undefined }));
function agentFor(caFile: string | undefined): Agent | undefined {
  if (!caFile) return undefined;
  testAgent.agent ??= new Agent({ ca: readFileSync(caFile) });
  return testAgent.agent;
}

export async function sendPush(
  sub: PushSubscription,
  message: PushMessage,
  ttlSeconds: number,
): Promise<PushOutcome> {
  const e = env();
  if (!e.VAPID_PUBLIC_KEY || !e.VAPID_PRIVATE_KEY) return "failed";
  try {
    await webpush.sendNotification(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      JSON.stringify(message),
      {
        vapidDetails: {
          subject: e.VAPID_SUBJECT,
          publicKey: e.VAPID_PUBLIC_KEY,
          privateKey: e.VAPID_PRIVATE_KEY,
        },
        TTL: ttlSeconds,
        urgency: "normal",
        topic: message.tag.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32),
        timeout: TIMEOUT_MS,
        agent: agentFor(e.PUSH_TEST_CA_FILE),
      },
    );
    return "sent";
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    return status === 404 || status === 410 ? "gone" : "failed";
  }
}
