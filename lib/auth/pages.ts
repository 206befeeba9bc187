import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { User } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { getDb } from "@/db";
import { appClock } from "@/lib/clock";
import { requireAdmin, requireSession, requireUser } from "./guards";
import { assertSecondFactor, enrolmentOf, type Enrolment } from "./second-factor";

/**
 * Guards for pages: the same database checks as `requireUser()` / `requireAdmin()`, answered
 * the way a browser expects: anonymous (or a session whose player is gone) → the sign-in
 * page with a way back; a signed-in non-admin → HTTP 403 with the forbidden page.
 */
export async function requireUserPage(callbackPath: string): Promise<User> {
  try {
    return await requireUser();
  } catch (err) {
    if (isAppError(err) && err.type === "unauthorized")
      redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
    throw err;
  }
}

/**
 * An admin page: anonymous → sign-in; a player, or an admin whose session has not passed the
 * second factor → HTTP 403 with the forbidden page, which shows that admin the second-factor
 * gate in place (app/(admin)/admin/forbidden.tsx): once passed, the same address serves the page.
 */
export async function requireAdminPage(callbackPath: string): Promise<User> {
  try {
    return await requireAdmin();
  } catch (err) {
    if (isAppError(err) && err.type === "unauthorized")
      redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
    if (isAppError(err) && err.type === "forbidden") forbidden();
    throw err;
  }
}

/**
 * What the admin forbidden page shows this visitor instead of "Admins only": for an admin whose
 * session has not passed the second factor, their authenticator to set up or to confirm with;
 * null for everyone else (players, anonymous visitors, an admin who passed it).
 */
export async function secondFactorGate(): Promise<Enrolment | null> {
  let found;
  try {
    found = await requireSession();
  } catch {
    return null;
  }
  const { user, session } = found;
  if (user.role !== "admin") return null;
  try {
    assertSecondFactor(session, "session", appClock.now());
    return null;
  } catch {
    return enrolmentOf(await getDb(), { userId: user.id, label: user.email ?? user.nickname });
  }
}
