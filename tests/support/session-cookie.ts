import { encode } from "next-auth/jwt";
import type { Database } from "@/db/client";
import { startSession } from "@/lib/auth/sessions";

/**
 * A session cookie for a user id, as Auth.js issues it after a sign-in: a `user_sessions` row
 * opened the way the sign-in opens it, and a JWT carrying the user and session ids (`uid`,
 * `sid`), salted with the cookie name. For tests that exercise what a signed-in player does,
 * not the sign-in itself.
 */
export const SESSION_COOKIE = "authjs.session-token";

export async function sessionCookie(
  db: Database,
  userId: string,
  secret: string,
  now = new Date(),
): Promise<string> {
  return (await openSessionCookie(db, userId, secret, now)).cookie;
}

/** The cookie and the id of the `user_sessions` row it names. */
export async function openSessionCookie(
  db: Database,
  userId: string,
  secret: string,
  now = new Date(),
): Promise<{ cookie: string; sid: string }> {
  const sid = await startSession(db, { userId, provider: "test", now });
  const token = await encode({
    token: { sub: userId, uid: userId, sid },
    secret,
    salt: SESSION_COOKIE,
    maxAge: 60 * 60,
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, sid };
}
