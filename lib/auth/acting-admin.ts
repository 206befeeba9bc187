import "server-only";
import { inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/**
 * Re-read the acting admin's role inside the write, with a row lock (`select … for no key
 * update`: it blocks a concurrent role change but not rows that merely reference the user),
 * so a demotion committed a moment earlier refuses the write, and one running alongside waits
 * for it: a stale session never acts as an admin. Rows the write also changes (`alsoLock`,
 * e.g. the user whose role is set) are locked in the same statement, in id order, so two
 * admins acting on each other queue instead of deadlocking. Returns the locked rows by id.
 */
export async function lockActingAdmin(
  tx: Tx,
  actorId: string,
  opts: { alsoLock?: string[]; message?: string } = {},
): Promise<Map<string, User>> {
  const ids = [...new Set([actorId, ...(opts.alsoLock ?? [])])].filter(isUuid).sort();
  const rows = ids.length
    ? await tx.select().from(users).where(inArray(users.id, ids)).orderBy(users.id).for("no key update")
    : [];
  const locked = new Map(rows.map((r) => [r.id, r]));
  if (locked.get(actorId)?.role !== "admin")
    throw new AppError("forbidden:admin_only", opts.message ?? "Only an admin can do this.");
  return locked;
}
