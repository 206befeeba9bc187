import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { tradingSessions, type TradingSession } from "@/db/schema";

/** The stored session of one trading day, or null before it was ever opened. */
export async function findSession(db: Database, tradingDay: string): Promise<TradingSession | null> {
  const [session] = await db.select().from(tradingSessions).where(eq(tradingSessions.tradingDay, tradingDay));
  return session ?? null;
}

/** The latest stored sessions, newest day first. */
export async function recentSessions(db: Database, opts: { limit: number }): Promise<TradingSession[]> {
  return db.select().from(tradingSessions).orderBy(desc(tradingSessions.tradingDay)).limit(opts.limit);
}
