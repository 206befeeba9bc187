import "server-only";
import type { Database, Tx } from "@/db/client";
import type { User } from "@/db/schema";
import { getUserById } from "@/lib/accounts/users";
import { AppError } from "@/lib/errors";

/**
 * The guard core, apart from Auth.js so it can be tested against a real database: the
 * session only says *who* signed in; whether they still exist and what they may do is read
 * from the database on every call, so a demoted admin or a removed player is refused at once.
 */
export async function loadSessionUser(db: Database | Tx, sessionUserId: string | null | undefined): Promise<User> {
  if (!sessionUserId) throw new AppError("unauthorized:signin_required", "Please sign in to continue.");
  const user = await getUserById(db, sessionUserId);
  if (!user) throw new AppError("unauthorized:signin_required", "Your session has ended. Please sign in again.");
  return user;
}

export function assertAdmin(user: User): User {
  if (user.role !== "admin") throw new AppError("forbidden:admin_only", "This is for admins only.");
  return user;
}
