import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { User } from "@/db/schema";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { appClock } from "@/lib/clock";
import { assertSecondFactor, type SecondFactorLevel } from "./second-factor";
import type { SessionFacts } from "./sessions";
import { assertAdmin, loadSession, loadSessionUser, type SessionRef } from "./session-user";
import { sessionRefFrom, type CookieSource } from "./session-token";

/**
 * The user and sign-in session the cookie names, or null, read once per request (layout, page
 * and handler share it) straight from the cookie (lib/auth/session-token.ts). It says nothing
 * about roles or validity: ask the guards.
 */
export const sessionRef = cache(async (): Promise<SessionRef | null> =>
  sessionRefFrom(await cookies(), env().AUTH_SECRET),
);

/**
 * The signed-in player, read from the database. 401 `unauthorized:signin_required` otherwise.
 * A route handler passes its request's cookies (`req.cookies`); pages and actions read them from Next.
 */
export async function requireUser(db?: Database, from?: CookieSource): Promise<User> {
  // The session first: it reads request headers, so a prerender stops here before opening the database.
  const ref = from ? await sessionRefFrom(from, env().AUTH_SECRET) : await sessionRef();
  return loadSessionUser(db ?? (await getDb()), ref);
}

/**
 * The signed-in admin, role read from the database now. 401 when anonymous, 403
 * `forbidden:admin_only` for players, 403 `forbidden:second_factor_required` for an admin whose
 * session has not passed the second factor within 12 hours (`forbidden:second_factor_recent`
 * when `level` is "recent" and it was not within 5 minutes; lib/auth/second-factor.ts).
 */
export async function requireAdmin(
  db?: Database,
  from?: CookieSource,
  level: SecondFactorLevel = "session",
): Promise<User> {
  const { user, session } = await requireSession(db, from);
  assertAdmin(user);
  assertSecondFactor(session, level, appClock.now());
  return user;
}

/** The signed-in user and the facts of their session (the second-factor gate reads them). */
export async function requireSession(
  db?: Database,
  from?: CookieSource,
): Promise<{ user: User; session: SessionFacts }> {
  const ref = from ? await sessionRefFrom(from, env().AUTH_SECRET) : await sessionRef();
  return loadSession(db ?? (await getDb()), ref);
}

/** The signed-in player or null (the header): never throws for anonymous or stale sessions. */
export async function optionalUser(db?: Database): Promise<User | null> {
  try {
    return await requireUser(db);
  } catch (err) {
    if (isAppError(err) && err.type === "unauthorized") return null;
    throw err;
  }
}
