import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  accounts,
  notifications,
  pointsLedger,
  predictions,
  redemptions,
  rewardItems,
  users,
} from "@/db/schema";
import { getBalance } from "@/lib/points/queries";
import { AppError } from "@/lib/errors";

/** The format version of the data export; raised when a field changes meaning. */
export const EXPORT_VERSION = 1;

/**
 * "Download my data": everything the game keeps about one player — profile and linked sign-in
 * identities, every call, every ledger row, every redemption (with its code once issued) and
 * every notification — and nothing of anyone else: each query is by the player's id.
 */
export async function exportPlayerData(db: Database, userId: string, now: Date) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.deletedAt) throw new AppError("not_found:user", "This player does not exist.");
  const [identities, calls, ledger, redeemed, notices, balance] = await Promise.all([
    db
      .select({
        provider: accounts.provider,
        email: accounts.email,
        emailVerified: accounts.emailVerified,
        nickname: accounts.providerNickname,
        linkedAt: accounts.createdAt,
      })
      .from(accounts)
      .where(eq(accounts.userId, userId))
      .orderBy(asc(accounts.createdAt)),
    db
      .select({
        id: predictions.id,
        tradingDay: predictions.tradingDay,
        symbol: predictions.symbol,
        choice: predictions.choice,
        status: predictions.status,
        snapshotPrice: predictions.snapshotPrice,
        snapshotAt: predictions.snapshotAt,
        closePrice: predictions.closePrice,
        voidReason: predictions.voidReason,
        pointsAwarded: predictions.pointsAwarded,
        createdAt: predictions.createdAt,
        cancelledAt: predictions.cancelledAt,
        settledAt: predictions.settledAt,
      })
      .from(predictions)
      .where(eq(predictions.userId, userId))
      .orderBy(asc(predictions.tradingDay), asc(predictions.createdAt), asc(predictions.id)),
    db
      .select({
        id: pointsLedger.id,
        amount: pointsLedger.amount,
        reason: pointsLedger.reason,
        balanceAfter: pointsLedger.balanceAfter,
        refId: pointsLedger.refId,
        memo: pointsLedger.memo,
        createdAt: pointsLedger.createdAt,
      })
      .from(pointsLedger)
      .where(eq(pointsLedger.userId, userId))
      .orderBy(asc(pointsLedger.id)),
    db
      .select({
        id: redemptions.id,
        sku: rewardItems.sku,
        nameKo: rewardItems.nameKo,
        nameEn: rewardItems.nameEn,
        cost: redemptions.cost,
        status: redemptions.status,
        code: redemptions.code,
        note: redemptions.note,
        failureReason: redemptions.failureReason,
        createdAt: redemptions.createdAt,
        issuedAt: redemptions.issuedAt,
        closedAt: redemptions.closedAt,
      })
      .from(redemptions)
      .innerJoin(rewardItems, eq(rewardItems.id, redemptions.itemId))
      .where(eq(redemptions.userId, userId))
      .orderBy(asc(redemptions.createdAt), asc(redemptions.id)),
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        payload: notifications.payload,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.createdAt), asc(notifications.id)),
    getBalance(db, userId),
  ]);
  return {
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    profile: {
      id: user.id,
      nickname: user.nickname,
      email: user.email && user.emailVerified ? user.email : null,
      role: user.role,
      createdAt: user.createdAt,
      lastSignInAt: user.lastSignInAt,
      suspendedAt: user.suspendedAt,
      balance,
      identities,
    },
    calls,
    ledger,
    redemptions: redeemed,
    notifications: notices,
  };
}

/** The parts of the export offered one CSV file each (the profile is in the JSON file). */
export const EXPORT_PARTS = ["calls", "ledger", "redemptions", "notifications"] as const;
export type ExportPart = (typeof EXPORT_PARTS)[number];

/**
 * One part of the export as CSV (RFC 4180: every field quoted, quotes doubled, CRLF), with a
 * header row of the field names; dates as ISO 8601, objects as JSON. A field that a spreadsheet
 * would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
export function exportPartCsv(data: Awaited<ReturnType<typeof exportPlayerData>>, part: ExportPart): string {
  const rows = data[part] as Record<string, unknown>[];
  const columns = rows.length ? Object.keys(rows[0]!) : [];
  const cell = (v: unknown) => {
    let s =
      v === null || v === undefined
        ? ""
        : v instanceof Date
          ? v.toISOString()
          : typeof v === "object"
            ? JSON.stringify(v)
            : String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v === "string") s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  const header = columns.map(cell).join(",");
  return [header, ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\r\n");
}
