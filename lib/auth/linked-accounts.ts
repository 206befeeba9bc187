import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts } from "@/db/schema";

export type LinkedAccount = {
  provider: string;
  email: string | null;
  emailVerified: boolean;
  linkedAt: Date;
};

/** The sign-in identities of one player (profile page). */
export async function linkedAccounts(db: Database, userId: string): Promise<LinkedAccount[]> {
  return db
    .select({
      provider: accounts.provider,
      email: accounts.email,
      emailVerified: accounts.emailVerified,
      linkedAt: accounts.createdAt,
    })
    .from(accounts)
    .where(eq(accounts.userId, userId))
    .orderBy(asc(accounts.createdAt));
}
