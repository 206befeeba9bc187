import "server-only";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { User } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { assertAdmin, loadSessionUser } from "./session-user";

/** The Auth.js session, read once per request (layout, page and handler share it). */
export const currentSession = cache(async () => auth());

/** The user id the session cookie names, or null. It says nothing about roles: ask the guards. */
export async function sessionUserId(): Promise<string | null> {
  const session = await currentSession();
  return session?.user?.id ?? null;
}

/** The signed-in player, read from the database. 401 `unauthorized:signin_required` otherwise. */
export async function requireUser(db?: Database): Promise<User> {
  // The session first: it reads request headers, so a prerender stops here before opening the database.
  const userId = await sessionUserId();
  return loadSessionUser(db ?? (await getDb()), userId);
}

/** The signed-in admin, role read from the database now. 401 when anonymous, 403 `forbidden:admin_only` for players. */
export async function requireAdmin(db?: Database): Promise<User> {
  return assertAdmin(await requireUser(db));
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
