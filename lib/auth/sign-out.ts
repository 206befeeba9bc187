import "server-only";
import { getDb } from "@/db";
import { appClock } from "@/lib/clock";
import { endAllSessions, endSession } from "./sessions";

/** Auth.js `signOut` event: the session the cookie carried ends, so a copy of it is refused from now on. */
export async function endSignedOutSession(sessionId: string | null | undefined): Promise<void> {
  if (!sessionId) return;
  await endSession(await getDb(), { sessionId, now: appClock.now() });
}

/** "Sign out everywhere": every open session of the player ends (this one too). */
export async function endEverySession(userId: string): Promise<number> {
  return endAllSessions(await getDb(), { userId, now: appClock.now() });
}
