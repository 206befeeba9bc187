import "server-only";
/** Read models and clean-up of the operator logs: error_log, audit_log, admin_alerts. */
import { and, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { adminAlerts, auditLog, errorLog, users, type AdminAlert, type ErrorLogEntry } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";

const DAY_MS = 86_400_000;
const kstDay = (col: typeof errorLog.occurredAt) =>
  sql<string>`to_char(${col} at time zone 'Asia/Seoul', 'YYYY-MM-DD')`;

export async function listErrors(
  db: Database,
  input: { kind?: string; limit?: number } = {},
): Promise<ErrorLogEntry[]> {
  return db
    .select()
    .from(errorLog)
    .where(input.kind ? eq(errorLog.kind, input.kind) : undefined)
    .orderBy(desc(errorLog.occurredAt), desc(errorLog.id))
    .limit(Math.min(Math.max(input.limit ?? 50, 1), 500));
}

export type ErrorCounts = {
  byDay: { day: string; n: number }[];
  byKind: { kind: string; n: number; lastAt: Date }[];
};

/** Errors of the last `days` days (KST calendar days), per day and per kind. */
export async function errorCounts(db: Database, input: { now: Date; days: number }): Promise<ErrorCounts> {
  const since = new Date(input.now.getTime() - input.days * DAY_MS);
  const day = kstDay(errorLog.occurredAt);
  const byDay = await db
    .select({ day, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(errorLog)
    .where(gte(errorLog.occurredAt, since))
    .groupBy(day)
    .orderBy(desc(day));
  const byKind = await db
    .select({
      kind: errorLog.kind,
      n: sql<number>`count(*)::int`.mapWith(Number),
      lastAt: sql<Date>`max(${errorLog.occurredAt})`.mapWith(errorLog.occurredAt),
    })
    .from(errorLog)
    .where(gte(errorLog.occurredAt, since))
    .groupBy(errorLog.kind)
    .orderBy(desc(sql`count(*)`), errorLog.kind);
  return { byDay, byKind };
}

/** Delete errors older than `olderThanDays` days, audited in the same transaction. */
export async function deleteOldErrors(
  db: Database,
  input: { actorId: string; olderThanDays: number; now: Date },
): Promise<{ deleted: number; before: string }> {
  if (!Number.isInteger(input.olderThanDays) || input.olderThanDays < 1) {
    throw new AppError("unprocessable:older_than_days", "Keep at least one day of errors.", {
      fieldErrors: { olderThanDays: ["at least 1"] },
    });
  }
  const before = new Date(input.now.getTime() - input.olderThanDays * DAY_MS);
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(errorLog)
      .where(lt(errorLog.occurredAt, before))
      .returning({ id: errorLog.id });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "errors.cleanup",
      target: `before:${before.toISOString()}`,
      details: { olderThanDays: input.olderThanDays, deleted: rows.length },
      now: input.now,
    });
    return { deleted: rows.length, before: before.toISOString() };
  });
}

export type AuditRow = {
  id: number;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
  actorId: string | null;
  actorNickname: string | null;
};

export async function listAudit(
  db: Database,
  input: { action?: string; limit?: number } = {},
): Promise<AuditRow[]> {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      target: auditLog.target,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorNickname: users.nickname,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(input.action ? eq(auditLog.action, input.action) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(Math.min(Math.max(input.limit ?? 50, 1), 500));
}

export async function listOpenAlerts(db: Database, input: { limit?: number } = {}): Promise<AdminAlert[]> {
  return db
    .select()
    .from(adminAlerts)
    .where(isNull(adminAlerts.acknowledgedAt))
    .orderBy(desc(adminAlerts.createdAt))
    .limit(Math.min(Math.max(input.limit ?? 20, 1), 200));
}

/** Acknowledge an alert once; a repeat changes nothing and writes no second audit row. */
export async function acknowledgeAlert(
  db: Database,
  input: { actorId: string; alertId: string; now: Date },
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(adminAlerts)
      .set({ acknowledgedAt: input.now, acknowledgedBy: input.actorId })
      .where(and(eq(adminAlerts.id, input.alertId), isNull(adminAlerts.acknowledgedAt)))
      .returning({ id: adminAlerts.id, kind: adminAlerts.kind });
    if (!row) {
      const [exists] = await tx
        .select({ id: adminAlerts.id })
        .from(adminAlerts)
        .where(eq(adminAlerts.id, input.alertId));
      if (!exists) throw new AppError("not_found:alert", "This alert does not exist.");
      return { changed: false };
    }
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "alerts.acknowledge",
      target: `alert:${row.id}`,
      details: { kind: row.kind },
      now: input.now,
    });
    return { changed: true };
  });
}
