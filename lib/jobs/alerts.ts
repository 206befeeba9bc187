import "server-only";
import type { Database } from "@/db/client";
import { adminAlerts } from "@/db/schema";
import { log } from "@/lib/log";

export type AdminAlertInput = {
  kind: string;
  severity: "info" | "warning" | "error" | "critical";
  message: string;
  details?: Record<string, unknown>;
  /** One alert per key, however often the cause repeats (retries, replays, several instances). */
  dedupeKey: string;
  now: Date;
};

/** Raise an operator alert once per dedupe key. Never throws: alerting must not break a job. */
export async function raiseAdminAlert(db: Database, alert: AdminAlertInput): Promise<boolean> {
  try {
    const rows = await db
      .insert(adminAlerts)
      .values({
        kind: alert.kind,
        severity: alert.severity,
        message: alert.message.slice(0, 2000),
        details: alert.details ?? {},
        dedupeKey: alert.dedupeKey,
        createdAt: alert.now,
      })
      .onConflictDoNothing({ target: adminAlerts.dedupeKey })
      .returning({ id: adminAlerts.id });
    return rows.length > 0;
  } catch (err) {
    log.error({ err, kind: alert.kind, dedupeKey: alert.dedupeKey }, "could not raise admin alert");
    return false;
  }
}
