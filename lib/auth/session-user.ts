import "server-only";
import { and, eq, getTableColumns, isNull, sql, type Placeholder } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database, Tx } from "@/db/client";
import { users, userSessions, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import type { SessionFacts } from "./sessions";

/** What the session cookie names: the user and the one sign-in session it belongs to. */
export type SessionRef = { userId: string | null | undefined; sessionId: string | null | undefined };

/**
 * The guard core, apart from Auth.js so it can be tested against a real database: the
 * session only says *who* signed in; whether they still exist, whether this session is still
 * open and what they may do is read from the database on every call, in one query, so a
 * signed-out session, a demoted admin or a removed player is refused at once.
 */
export async function loadSessionUser(db: Database | Tx, ref: SessionRef | null | undefined): Promise<User> {
  return (await loadSession(db, ref)).user;
}

/** The user and the facts of the session the cookie names (its provider, when it passed the second factor). */
export async function loadSession(
  db: Database | Tx,
  ref: SessionRef | null | undefined,
): Promise<{ user: User; session: SessionFacts }> {
  if (!ref?.userId) throw new AppError("unauthorized:signin_required", "Please sign in to continue.");
  const row =
    ref.sessionId && isUuid(ref.userId) && isUuid(ref.sessionId)
      ? await openSessionUser(db, ref.userId, ref.sessionId)
      : null;
  if (!row || !mayHoldSession(row))
    throw new AppError("unauthorized:signin_required", "Your session has ended. Please sign in again.");
  const { sessionProvider, sessionSecondFactorAt, ...user } = row;
  return {
    user,
    session: { id: ref.sessionId!, provider: sessionProvider, secondFactorAt: sessionSecondFactorAt },
  };
}

function openSessionQuery(db: Database | Tx, userId: Placeholder | string, sessionId: Placeholder | string) {
  return db
    .select({
      ...getTableColumns(users),
      sessionProvider: userSessions.provider,
      sessionSecondFactorAt: userSessions.secondFactorAt,
    })
    .from(users)
    .innerJoin(userSessions, eq(userSessions.userId, users.id))
    .where(and(eq(users.id, userId), eq(userSessions.id, sessionId), isNull(userSessions.endedAt)))
    .limit(1);
}

/** Every request asks this: built once per database as a prepared query (drizzle `.prepare()`). */
const prepared = new WeakMap<Database, ReturnType<ReturnType<typeof openSessionQuery>["prepare"]>>();

type SessionRow = User & { sessionProvider: string; sessionSecondFactorAt: Date | null };

async function openSessionUser(
  db: Database | Tx,
  userId: string,
  sessionId: string,
): Promise<SessionRow | null> {
  if (db instanceof PgTransaction) return (await openSessionQuery(db, userId, sessionId))[0] ?? null;
  let query = prepared.get(db);
  if (!query) {
    query = openSessionQuery(db, sql.placeholder("userId"), sql.placeholder("sessionId")).prepare(
      "open_session_user",
    );
    prepared.set(db, query);
  }
  const [row] = await query.execute({ userId, sessionId });
  return row ?? null;
}

/**
 * Whether this user may be served at all. The one place for account states that refuse every
 * session. A suspended player is still served (they may read; lib/accounts/suspension.ts
 * refuses playing, and suspending ends their sessions once); a deleted account has no open
 * sessions and no identity to sign in with (lib/accounts/deletion.ts).
 */
export function mayHoldSession(user: User): boolean {
  return Boolean(user.id);
}

export function assertAdmin(user: User): User {
  if (user.role !== "admin") throw new AppError("forbidden:admin_only", "This is for admins only.");
  return user;
}
