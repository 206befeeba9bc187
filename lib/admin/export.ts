import "server-only";
/**
 * CSV exports of the admin tables, streamed page by page (keyset, 1,000 rows a statement) and
 * bounded at EXPORT_MAX_ROWS, so an export never holds a table in memory. No secrets leave:
 * no e-mail addresses, no reward codes.
 */
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { auditLog, pointsBalances, pointsLedger, redemptions, rewardItems, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { CALL_STATUSES, loadMetrics, metricsRange, REDEMPTION_STATUSES } from "./metrics";
import { LEDGER_REASONS } from "@/lib/points/constants";

export const EXPORT_TABLES = ["players", "redemptions", "ledger", "audit", "metrics"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 1_000;

export const exportQuerySchema = z
  .object({
    userId: z.uuid("A player id").optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict();

/** One CSV field: quoted when it holds a separator, a quote or a line break; formulas defused. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
  // A spreadsheet would run a cell starting with = + - @ as a formula (CSV injection).
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

type Pager = { header: string[]; pages: () => AsyncGenerator<unknown[][]> };

function keyset<R>(
  header: string[],
  load: (after: R | null) => Promise<R[]>,
  toRow: (r: R) => unknown[],
): Pager {
  return {
    header,
    async *pages() {
      let after: R | null = null;
      let sent = 0;
      while (sent < EXPORT_MAX_ROWS) {
        const rows = await load(after);
        if (rows.length === 0) return;
        const take = rows.slice(0, EXPORT_MAX_ROWS - sent);
        sent += take.length;
        yield take.map(toRow);
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!;
      }
    },
  };
}

/** Rows after `key` in (created_at, id) order, compared with the stored instant (microseconds). */
const afterRow = (table: "users" | "redemptions", key: string) =>
  sql
    .raw(`(${table}.created_at, ${table}.id) > (select created_at, id from ${table} where id = `)
    .append(sql`${key}::uuid)`);

function pagerOf(db: Database, table: ExportTable, q: z.infer<typeof exportQuerySchema>, now: Date): Pager {
  switch (table) {
    case "players":
      return keyset(
        ["id", "nickname", "role", "created_at", "last_sign_in_at", "balance"],
        (after: { id: string; createdAt: Date } | null) =>
          db
            .select({
              id: users.id,
              nickname: users.nickname,
              role: users.role,
              createdAt: users.createdAt,
              lastSignInAt: users.lastSignInAt,
              balance: sql<number>`coalesce(${pointsBalances.balance}, 0)`.mapWith(Number),
            })
            .from(users)
            .leftJoin(pointsBalances, eq(pointsBalances.userId, users.id))
            .where(after ? afterRow("users", after.id) : undefined)
            .orderBy(asc(users.createdAt), asc(users.id))
            .limit(PAGE),
        (r) => [r.id, r.nickname, r.role, r.createdAt, r.lastSignInAt, r.balance],
      );
    case "redemptions":
      return keyset(
        [
          "id",
          "created_at",
          "status",
          "user_id",
          "nickname",
          "sku",
          "cost",
          "issued_at",
          "closed_at",
          "failure_reason",
        ],
        (after: { id: string; createdAt: Date } | null) =>
          db
            .select({
              id: redemptions.id,
              createdAt: redemptions.createdAt,
              status: redemptions.status,
              userId: redemptions.userId,
              nickname: users.nickname,
              sku: rewardItems.sku,
              cost: redemptions.cost,
              issuedAt: redemptions.issuedAt,
              closedAt: redemptions.closedAt,
              failureReason: redemptions.failureReason,
            })
            .from(redemptions)
            .innerJoin(users, eq(users.id, redemptions.userId))
            .innerJoin(rewardItems, eq(rewardItems.id, redemptions.itemId))
            .where(after ? afterRow("redemptions", after.id) : undefined)
            .orderBy(asc(redemptions.createdAt), asc(redemptions.id))
            .limit(PAGE),
        (r) => [
          r.id,
          r.createdAt,
          r.status,
          r.userId,
          r.nickname,
          r.sku,
          r.cost,
          r.issuedAt,
          r.closedAt,
          r.failureReason,
        ],
      );
    case "ledger": {
      const userId = q.userId;
      if (!userId)
        throw new AppError(
          "unprocessable:export_user_required",
          "The ledger export is per player: give userId.",
        );
      return keyset(
        ["id", "created_at", "reason", "amount", "balance_after", "ref_id", "memo", "actor_id"],
        (after: { id: number } | null) =>
          db
            .select()
            .from(pointsLedger)
            .where(and(eq(pointsLedger.userId, userId), after ? gt(pointsLedger.id, after.id) : undefined))
            .orderBy(asc(pointsLedger.id))
            .limit(PAGE),
        (r) => [r.id, r.createdAt, r.reason, r.amount, r.balanceAfter, r.refId, r.memo, r.actorId],
      );
    }
    case "audit":
      return keyset(
        ["id", "created_at", "action", "target", "actor_id", "actor_nickname", "details"],
        (after: { id: number } | null) =>
          db
            .select({
              id: auditLog.id,
              createdAt: auditLog.createdAt,
              action: auditLog.action,
              target: auditLog.target,
              actorId: auditLog.actorId,
              nickname: users.nickname,
              details: auditLog.details,
            })
            .from(auditLog)
            .leftJoin(users, eq(users.id, auditLog.actorId))
            .where(after ? gt(auditLog.id, after.id) : undefined)
            .orderBy(asc(auditLog.id))
            .limit(PAGE),
        (r) => [r.id, r.createdAt, r.action, r.target, r.actorId, r.nickname, r.details],
      );
    case "metrics": {
      const header = [
        "trading_day",
        "registered_players",
        "new_players",
        "players_with_call",
        ...CALL_STATUSES.map((s) => `calls_${s.toLowerCase()}`),
        "calls_per_active_player",
        "crowd_accuracy",
        ...LEDGER_REASONS.map((r) => `issued_${r.toLowerCase()}`),
        "points_issued",
        "points_spent",
        "points_outstanding",
        ...REDEMPTION_STATUSES.map((s) => `redemptions_${s.toLowerCase()}`),
        "ads_completed",
      ];
      return {
        header,
        async *pages() {
          const m = await loadMetrics(db, metricsRange(now, q), now);
          yield m.days.map((d) => [
            d.tradingDay,
            d.registeredPlayers,
            d.newPlayers,
            d.playersWithCall,
            ...CALL_STATUSES.map((s) => d.calls[s]),
            d.callsPerActivePlayer,
            d.crowdAccuracy,
            ...LEDGER_REASONS.map((r) => d.pointsIssued[r]),
            d.pointsIssuedTotal,
            d.pointsSpent,
            d.pointsOutstanding,
            ...REDEMPTION_STATUSES.map((s) => d.redemptions[s]),
            d.adsCompleted,
          ]);
        },
      };
    }
  }
}

/** `players.csv` → "players"; anything else is not an export. */
export function exportTableOf(file: string | undefined): ExportTable {
  const name = (file ?? "").replace(/\.csv$/, "");
  if (!(EXPORT_TABLES as readonly string[]).includes(name) || !file?.endsWith(".csv"))
    throw new AppError("not_found:export", "There is no such export.");
  return name as ExportTable;
}

/**
 * A CSV export as a stream of UTF-8 (with a BOM so spreadsheets read Korean nicknames), the
 * first page read before it starts so a bad request still gets a proper error.
 */
export async function exportCsv(
  db: Database,
  input: { table: ExportTable; query: z.infer<typeof exportQuerySchema>; now: Date },
): Promise<ReadableStream<Uint8Array>> {
  const pager = pagerOf(db, input.table, input.query, input.now);
  const pages = pager.pages();
  const first = await pages.next();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(pager.header)}`));
      if (!first.done) controller.enqueue(encoder.encode(first.value.map(csvLine).join("")));
      if (first.done) controller.close();
    },
    async pull(controller) {
      if (first.done) return;
      const next = await pages.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
