import "server-only";
/**
 * Public share links of a player's day (`/s/<token>`). The token is 128 random bits (base64url),
 * unguessable; the page and its image show the nickname and the day's grid only. One live link
 * per player-day (asking again answers the same one); revoking ends it for good.
 */
import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { shares, users } from "@/db/schema";
import { parseTradingDay, type DayString } from "@/lib/calendar";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { dayResults, gridOf } from "@/lib/loop/player";
import type { DayGrid } from "./grid";

export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const sharePath = (token: string) => `/s/${token}`;

/** The absolute link: on the configured public base URL when there is one (never the Host header). */
export const shareUrl = (token: string, requestOrigin: string) =>
  new URL(sharePath(token), env().PUBLIC_BASE_URL ?? requestOrigin).toString();

export async function createShare(
  db: Database,
  input: { userId: string; day: unknown; locale: Locale; now: Date },
): Promise<{ token: string; day: DayString; created: boolean }> {
  const day = parseTradingDay(input.day, { field: "day" });
  const results = await dayResults(db, input.userId, day);
  if (!results)
    throw new AppError("not_found:share_day", `There are no settled calls of yours on ${day} to share.`);
  const token = randomBytes(16).toString("base64url");
  const [created] = await db
    .insert(shares)
    .values({ token, userId: input.userId, tradingDay: day, locale: input.locale, createdAt: input.now })
    .onConflictDoNothing()
    .returning({ token: shares.token });
  if (created) return { token: created.token, day, created: true };
  const [live] = await db
    .select({ token: shares.token })
    .from(shares)
    .where(and(eq(shares.userId, input.userId), eq(shares.tradingDay, day), isNull(shares.revokedAt)));
  if (!live) throw new AppError("conflict:share_busy", "The link is being changed; please try again.");
  return { token: live.token, day, created: false };
}

export async function revokeShare(
  db: Database,
  input: { userId: string; token: string; now: Date },
): Promise<{ revoked: boolean }> {
  if (!SHARE_TOKEN_PATTERN.test(input.token)) throw new AppError("not_found:share", "No such share link.");
  const rows = await db
    .update(shares)
    .set({ revokedAt: input.now })
    .where(and(eq(shares.token, input.token), eq(shares.userId, input.userId), isNull(shares.revokedAt)))
    .returning({ id: shares.id });
  if (rows.length === 0) throw new AppError("not_found:share", "No such share link.");
  return { revoked: true };
}

/** Every live link of the player ends (account deletion); the rows stay, so no token is reused. */
export async function revokeAllShares(
  tx: Database | Tx,
  input: { userId: string; now: Date },
): Promise<number> {
  const rows = await tx
    .update(shares)
    .set({ revokedAt: input.now })
    .where(and(eq(shares.userId, input.userId), isNull(shares.revokedAt)))
    .returning({ id: shares.id });
  return rows.length;
}

/** The player's live links, newest first. */
export async function myShares(db: Database, userId: string) {
  return db
    .select({ token: shares.token, day: shares.tradingDay, createdAt: shares.createdAt })
    .from(shares)
    .where(and(eq(shares.userId, userId), isNull(shares.revokedAt)))
    .orderBy(shares.tradingDay);
}

export type SharedDay = { nickname: string; locale: Locale; grid: DayGrid };

/** What a public share page shows, or null for an unknown or revoked token. */
export async function sharedDay(db: Database, token: string): Promise<SharedDay | null> {
  if (!SHARE_TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({
      userId: shares.userId,
      day: shares.tradingDay,
      locale: shares.locale,
      nickname: users.nickname,
    })
    .from(shares)
    .innerJoin(users, eq(users.id, shares.userId))
    .where(and(eq(shares.token, token), isNull(shares.revokedAt)));
  if (!row) return null;
  const results = await dayResults(db, row.userId, row.day);
  if (!results) return null;
  return {
    nickname: row.nickname,
    locale: row.locale === "en" ? "en" : "ko",
    grid: gridOf(row.day, results.calls, results.streakAfter),
  };
}
