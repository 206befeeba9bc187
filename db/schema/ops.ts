import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tstz, tstzNotNull, tstzNow, uuidPk, jsonObject } from "./columns";
import { userRef, users } from "./users";

/** INCOMPLETE: the run made progress but must run again (e.g. closes still missing); `reason` says why. */
export const jobStatus = pgEnum("job_status", ["RUNNING", "SUCCEEDED", "FAILED", "INCOMPLETE"]);

/** In-app notifications for players. `dedupeKey` makes "notify once" a database rule. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuidPk(),
    userId: userRef("cascade"),
    kind: text().notNull(),
    payload: jsonObject(),
    dedupeKey: text().unique("notifications_dedupe_uq"),
    readAt: tstz(),
    createdAt: tstzNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** Alerts for operators: failed jobs, integrity problems. */
export const adminAlerts = pgTable(
  "admin_alerts",
  {
    id: uuidPk(),
    kind: text().notNull(),
    severity: text().notNull().default("error"),
    message: text().notNull(),
    details: jsonObject(),
    dedupeKey: text().unique("admin_alerts_dedupe_uq"),
    acknowledgedAt: tstz(),
    acknowledgedBy: uuid(),
    createdAt: tstzNow(),
  },
  (t) => [index("admin_alerts_created_idx").on(t.createdAt)],
);

/** Every scheduled or manual run of a job. One SUCCEEDED run per (job, business key). */
/** `done` of `total` units (e.g. 1,200 of 5,000 calls); `total` null while unknown. */
export type JobProgress = { done: number; total: number | null; unit: "calls" | "closes" };

export const jobRuns = pgTable(
  "job_runs",
  {
    id: uuidPk(),
    job: text().notNull(),
    businessKey: text().notNull(),
    status: jobStatus().notNull().default("RUNNING"),
    trigger: text().notNull(),
    attempt: integer().notNull().default(1),
    startedAt: tstzNotNull(),
    finishedAt: tstz(),
    durationMs: integer(),
    error: text(),
    /** What an INCOMPLETE run still waits for. */
    reason: text(),
    result: jsonb().$type<Record<string, unknown>>(),
    /** How far a run has got (settled calls, symbols collected), written while it runs. */
    progress: jsonb().$type<JobProgress>(),
  },
  (t) => [
    uniqueIndex("job_runs_succeeded_uq")
      .on(t.job, t.businessKey)
      .where(sql`${t.status} = 'SUCCEEDED'`),
    uniqueIndex("job_runs_running_uq")
      .on(t.job, t.businessKey)
      .where(sql`${t.status} = 'RUNNING'`),
    index("job_runs_started_idx").on(t.startedAt),
  ],
);

export const errorLog = pgTable(
  "error_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    kind: text().notNull(),
    message: text().notNull(),
    context: jsonObject(),
    userId: uuid(),
    occurredAt: tstzNow(),
  },
  (t) => [
    index("error_log_occurred_idx").on(t.occurredAt),
    index("error_log_kind_idx").on(t.kind, t.occurredAt),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    target: text(),
    details: jsonObject(),
    createdAt: tstzNow(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
  ],
);

/** Fixed-window counters for per-user rate limits, shared by every app instance. */
/**
 * One GCRA bucket per (rule, subject): `tat` is the theoretical arrival time of the next
 * request (lib/ratelimit). A row whose `tat` has passed is a full bucket, the same as no row,
 * so rows older than now can be pruned without changing any decision.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    tat: tstzNotNull(),
    /** The decision of the last check, returned by the same statement that made it. */
    allowed: boolean().notNull(),
  },
  (t) => [index("rate_limits_tat_idx").on(t.tat)],
);

export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;
export type AdminAlert = typeof adminAlerts.$inferSelect;
export type JobRun = typeof jobRuns.$inferSelect;
export type NewJobRun = typeof jobRuns.$inferInsert;
export type ErrorLogEntry = typeof errorLog.$inferSelect;
export type AuditLogEntry = typeof auditLog.$inferSelect;

/**
 * The morning numbers of a trading day once nothing can change them (its game days are over
 * and none of its calls is pending), kept so the dashboard reads a row instead of aggregating
 * the day again. Written once, only by lib/admin/metrics.ts. Redemptions are not kept: their
 * status changes after their day.
 */
export const metricsDays = pgTable("metrics_days", {
  tradingDay: date({ mode: "string" }).primaryKey(),
  calls: jsonb().$type<Record<string, number>>().notNull(),
  playersWithCall: integer().notNull(),
  newPlayers: integer().notNull(),
  pointsIssued: jsonb().$type<Record<string, number>>().notNull(),
  pointsSpent: bigint({ mode: "number" }).notNull(),
  adsCompleted: integer().notNull(),
  keptAt: tstzNotNull(),
});
