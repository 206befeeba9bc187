import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { User } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { requireUser } from "./guards";

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

export async function requireAdminPage(callbackPath: string): Promise<User> {
  const user = await requireUserPage(callbackPath);
  if (user.role !== "admin") forbidden();
  return user;
}
