import "server-only";
import type { Database, Tx } from "@/db/client";
import { auditLog } from "@/db/schema";

/** Every action the audit log records, one union: a new one is added here, nowhere else. */
export const AUDIT_ACTIONS = [
  "admin.recovery_code_used",
  "admin.second_factor_enrolled",
  "admin.second_factor_reset",
  "alerts.acknowledge",
  "errors.cleanup",
  "integrity.run",
  "jobs.run",
  "points.adjust",
  "prices.backfill_eod",
  "prices.collect_eod",
  "prices.manual_close",
  "redemption.fail",
  "redemption.issue",
  "reward.create",
  "reward.stock",
  "reward.update",
  "session.close",
  "session.open",
  "settlement.manual_symbol",
  "settlement.run",
  "universe.policy_set",
  "universe.upsert",
  "user.deleted",
  "user.nickname_set",
  "user.role_granted",
  "user.role_set",
  "user.sessions_ended",
  "user.suspended",
  "user.suspension_lifted",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  /** The admin or player who acted; null for the system (an allow-listed admin grant). */
  actorId: string | null;
  action: AuditAction;
  target?: string;
  details?: Record<string, unknown>;
  now?: Date;
};

/**
 * One line of the audit log: the only writer of `audit_log`. Pass the transaction of the
 * change it records, so the line exists exactly when the change does. Only work that spans
 * many transactions of its own (a settlement run, a job run, the integrity checks) is
 * recorded after it, with `db`.
 */
export async function recordAudit(db: Database | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    target: entry.target,
    details: entry.details ?? {},
    ...(entry.now ? { createdAt: entry.now } : {}),
  });
}
