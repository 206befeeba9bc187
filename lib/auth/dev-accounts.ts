import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts } from "@/db/schema";

export type DevAccount = { nickname: string; role: "player" | "admin" };

/** The latest development accounts, for one-click sign-in on the development panel. */
export async function recentDevAccounts(db: Database, limit = 8): Promise<DevAccount[]> {
  const rows = await db
    .select({ id: accounts.providerAccountId, nickname: accounts.providerNickname })
    .from(accounts)
    .where(eq(accounts.provider, "dev"))
    .orderBy(desc(accounts.updatedAt))
    .limit(limit);
  return rows
    .filter((r): r is { id: string; nickname: string } => Boolean(r.nickname))
    .map((r) => ({ nickname: r.nickname, role: r.id.startsWith("admin:") ? "admin" : "player" }));
}
