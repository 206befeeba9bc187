import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { ProvisionInput } from "@/lib/accounts";
import { startSession } from "@/lib/auth/sessions";

/** A player row for tests that do not exercise sign-in itself. */
export async function createPlayer(db: Database, nickname = `p-${randomUUID().slice(0, 8)}`) {
  const [u] = await db.insert(users).values({ nickname }).returning();
  return u!;
}

/** An admin row (role read from the database by every guard). */
export async function createAdmin(db: Database, nickname = `adm-${randomUUID().slice(0, 8)}`) {
  const [u] = await db.insert(users).values({ nickname, role: "admin" }).returning();
  return u!;
}

/** Postgres error code or AppError code of a rejection, whichever is there. */
export async function errorCodeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    throw e;
  }
  throw new Error("expected a rejection");
}

/** What a signed-in cookie names: the user and a freshly opened sign-in session. */
export async function sessionOf(db: Database, userId: string, now = new Date()) {
  return { userId, sessionId: await startSession(db, { userId, provider: "google", now }) };
}

/**
 * A factory of Google sign-ins as the provider reports them: a fresh account id and nickname
 * (`prefix` + 6 random characters), no e-mail, the given allow-list and clock; `over` changes any field.
 */
export function googleSignIns(defaults: { prefix: string; adminEmails: string[]; now: Date }) {
  return (over: Partial<ProvisionInput> = {}): ProvisionInput => ({
    provider: "google",
    providerAccountId: randomUUID(),
    email: null,
    emailVerified: false,
    nickname: `${defaults.prefix}${randomUUID().slice(0, 6)}`,
    image: null,
    adminEmails: defaults.adminEmails,
    now: defaults.now,
    ...over,
  });
}
