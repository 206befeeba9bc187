import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { userSessions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { lockActingAdmin } from "./acting-admin";
import { recordAudit } from "@/lib/ops/audit";

/**
 * Sign-in sessions (docs/architecture.md, "Sessions"). The Auth.js cookie carries the user id
 * and the id of one `user_sessions` row; the guards serve a request only while that row is
 * open. Ending a row is final: a copy of the cookie made before is refused from then on.
 */

/** What a request knows of its sign-in session besides the user (lib/auth/session-user.ts reads it). */
export type SessionFacts = { id: string; provider: string; secondFactorAt: Date | null };

/** This open session has passed the admin's second factor at `now` (lib/auth/second-factor.ts). False when it has ended. */
export async function markSecondFactor(
  tx: Tx,
  input: { sessionId: string; userId: string; now: Date },
): Promise<boolean> {
  if (!isUuid(input.sessionId)) return false;
  const rows = await tx
    .update(userSessions)
    .set({ secondFactorAt: input.now })
    .where(
      and(
        eq(userSessions.id, input.sessionId),
        eq(userSessions.userId, input.userId),
        isNull(userSessions.endedAt),
      ),
    )
    .returning({ id: userSessions.id });
  return rows.length > 0;
}

/** Opens the session a fresh sign-in will carry in its cookie. */
export async function startSession(
  db: Database | Tx,
  input: { userId: string; provider: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({ userId: input.userId, provider: input.provider, createdAt: input.now })
    .returning({ id: userSessions.id });
  return row!.id;
}

/** "Sign out": ends this one session. Ending an ended or unknown session is a no-op. */
export async function endSession(
  db: Database | Tx,
  input: { sessionId: string; now: Date },
): Promise<boolean> {
  if (!isUuid(input.sessionId)) return false;
  const ended = await db
    .update(userSessions)
    .set({ endedAt: input.now })
    .where(and(eq(userSessions.id, input.sessionId), isNull(userSessions.endedAt)))
    .returning({ id: userSessions.id });
  return ended.length > 0;
}

/** "Sign out everywhere": ends every open session of the player. Returns how many were open. */
export async function endAllSessions(
  db: Database | Tx,
  input: { userId: string; now: Date },
): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ endedAt: input.now })
    .where(and(eq(userSessions.userId, input.userId), isNull(userSessions.endedAt)))
    .returning({ id: userSessions.id });
  return ended.length;
}

/** An admin ends all of a player's sessions (a lost phone, a shared computer). Audited. */
export async function endSessionsByAdmin(
  db: Database,
  input: { actorId: string; userId: string; now: Date },
): Promise<{ userId: string; ended: number }> {
  if (!isUuid(input.userId)) throw new AppError("not_found:user", "This player does not exist.");
  return db.transaction(async (tx) => {
    const locked = await lockActingAdmin(tx, input.actorId, {
      alsoLock: [input.userId],
      message: "Only an admin can end a player's sessions.",
    });
    if (!locked.has(input.userId)) throw new AppError("not_found:user", "This player does not exist.");
    const ended = await endAllSessions(tx, { userId: input.userId, now: input.now });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "user.sessions_ended",
      target: `user:${input.userId}`,
      details: { ended },
      now: input.now,
    });
    return { userId: input.userId, ended };
  });
}
