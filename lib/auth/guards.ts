import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { User } from "@/db/schema";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { assertAdmin, loadSessionUser, type SessionRef } from "./session-user";
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

/** The signed-in admin, role read from the database now. 401 when anonymous, 403 `forbidden:admin_only` for players. */
export async function requireAdmin(db?: Database, from?: CookieSource): Promise<User> {
  return assertAdmin(await requireUser(db, from));
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
