import "server-only";
/** The admin's view of players: search and a one-page overview. */
import { desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  pointsBalances,
  pointsLedger,
  predictions,
  redemptions,
  users,
  type LedgerEntry,
  type User,
} from "@/db/schema";
import { emailHash } from "@/lib/crypto/fields";
import { isUuid } from "@/lib/validation";

export type UserHit = Pick<User, "id" | "nickname" | "email" | "role" | "createdAt" | "lastSignInAt"> & {
  balance: number;
};

/**
 * Players whose nickname contains `q` (case-insensitive), whose e-mail is `q` (the whole
 * address: e-mails are encrypted at rest and found by their keyed hash), or whose id is `q`;
 * newest first without `q`.
 */
export async function searchUsers(
  db: Database,
  input: { q?: string; limit?: number } = {},
): Promise<UserHit[]> {
  const q = input.q?.trim() ?? "";
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const byEmail = q.includes("@");
  const where = q
    ? isUuid(q)
      ? eq(users.id, q)
      : byEmail
        ? or(ilike(users.nickname, pattern), eq(users.emailHash, emailHash(q)))
        : ilike(users.nickname, pattern)
    : undefined;
  return db
    .select({
      id: users.id,
      nickname: users.nickname,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      lastSignInAt: users.lastSignInAt,
      balance: sql<number>`coalesce(${pointsBalances.balance}, 0)`.mapWith(Number),
    })
    .from(users)
    .leftJoin(pointsBalances, eq(pointsBalances.userId, users.id))
    .where(where)
    .orderBy(desc(users.createdAt))
    .limit(Math.min(Math.max(input.limit ?? 20, 1), 100));
}

export type UserOverview = {
  user: User;
  balance: number;
  calls: Record<"PENDING" | "CORRECT" | "INCORRECT" | "VOID" | "CANCELLED", number> & {
    total: number;
    days: number;
  };
  redemptions: Record<string, number> & { total: number; pointsSpent: number };
  recentLedger: LedgerEntry[];
};

export async function userOverview(db: Database, userId: string): Promise<UserOverview | null> {
  if (!isUuid(userId)) return null;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const [bal] = await db
    .select({ balance: pointsBalances.balance })
    .from(pointsBalances)
    .where(eq(pointsBalances.userId, userId));
  const callRows = await db
    .select({ status: predictions.status, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(predictions)
    .where(eq(predictions.userId, userId))
    .groupBy(predictions.status);
  const [dayRow] = await db
    .select({ days: sql<number>`count(distinct ${predictions.tradingDay})::int`.mapWith(Number) })
    .from(predictions)
    .where(eq(predictions.userId, userId));
  const calls: UserOverview["calls"] = {
    PENDING: 0,
    CORRECT: 0,
    INCORRECT: 0,
    VOID: 0,
    CANCELLED: 0,
    total: 0,
    days: dayRow?.days ?? 0,
  };
  for (const r of callRows) {
    calls[r.status] = r.n;
    calls.total += r.n;
  }
  const redRows = await db
    .select({
      status: redemptions.status,
      n: sql<number>`count(*)::int`.mapWith(Number),
      cost: sql<number>`coalesce(sum(${redemptions.cost}), 0)::int`.mapWith(Number),
    })
    .from(redemptions)
    .where(eq(redemptions.userId, userId))
    .groupBy(redemptions.status);
  const red: UserOverview["redemptions"] = { total: 0, pointsSpent: 0 };
  for (const r of redRows) {
    red[r.status] = r.n;
    red.total += r.n;
    if (r.status === "PENDING" || r.status === "ISSUED") red.pointsSpent += r.cost;
  }
  const recentLedger = await db
    .select()
    .from(pointsLedger)
    .where(eq(pointsLedger.userId, userId))
    .orderBy(desc(pointsLedger.id))
    .limit(10);
  return { user, balance: bal?.balance ?? 0, calls, redemptions: red, recentLedger };
}

const DEMOTION_NOTICE =
  "The demotion is recorded: ADMIN_EMAILS will not make this user, or another account with the same e-mail, an admin again. Only an admin can.";

/** What a role change answers (JSON route and console alike): a demotion says that it holds. */
export function roleChangeResult(u: User) {
  return {
    id: u.id,
    nickname: u.nickname,
    role: u.role,
    adminDemotedAt: u.adminDemotedAt?.toISOString() ?? null,
    ...(u.adminDemotedAt ? { notice: DEMOTION_NOTICE } : {}),
  };
}
