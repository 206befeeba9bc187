import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { auditLog, users, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { PG, pgErrorCode } from "@/lib/points/pg-error";
import { fieldErrorsOf } from "@/lib/points/schemas";
import { NICKNAME_SET_ACTION } from "./nickname-store";
import { setNicknameSchema, setRoleSchema, type UserRole } from "./schemas";

export async function getUserById(db: Database | Tx, userId: string): Promise<User | null> {
  if (!UUID.test(userId)) return null;
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/**
 * The player's own nickname (profile page). Validated by the shared schema; the
 * case-insensitive unique index decides clashes (`conflict:nickname_taken`). Recorded in
 * the audit log, which also marks the nickname as chosen: the provider's name is no longer
 * synced over it.
 */
export async function setNickname(db: Database, input: { userId: string; nickname: string; now: Date }): Promise<User> {
  const parsed = setNicknameSchema.safeParse({ nickname: input.nickname });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    throw new AppError("unprocessable:nickname_invalid", fieldErrors.nickname?.[0] ?? "This nickname is not allowed.", { fieldErrors });
  }
  const nickname = parsed.data.nickname;
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update");
      if (!current) throw new AppError("not_found:user", "This player does not exist.");
      const [updated] = await tx.update(users).set({ nickname, updatedAt: input.now }).where(eq(users.id, input.userId)).returning();
      await tx.insert(auditLog).values({
        actorId: input.userId,
        action: NICKNAME_SET_ACTION,
        target: `user:${input.userId}`,
        details: { from: current.nickname, to: nickname },
        createdAt: input.now,
      });
      return updated!;
    });
  } catch (err) {
    if (pgErrorCode(err) === PG.uniqueViolation) {
      throw new AppError("conflict:nickname_taken", "This nickname is already taken.", {
        fieldErrors: { nickname: ["This nickname is already taken."] },
        cause: err,
      });
    }
    throw err;
  }
}

/**
 * An admin changes a player's role. The actor's role is re-read inside the write; an admin
 * cannot demote themselves (so the last admin cannot lock everyone out by accident).
 */
export async function setRole(
  db: Database,
  input: { actorId: string; userId: string; role: UserRole; now?: Date },
): Promise<User> {
  const parsed = setRoleSchema.safeParse({ userId: input.userId, role: input.role });
  if (!parsed.success) {
    throw new AppError("unprocessable:role_invalid", "Check the role change.", { fieldErrors: fieldErrorsOf(parsed.error) });
  }
  const { userId, role } = parsed.data;
  return db.transaction(async (tx) => {
    const [actor] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.actorId)).limit(1);
    if (actor?.role !== "admin") throw new AppError("forbidden:admin_only", "Only an admin can change roles.");
    if (input.actorId === userId && role !== "admin") {
      throw new AppError("conflict:cannot_demote_self", "You cannot remove your own admin role. Ask another admin.");
    }
    const [target] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!target) throw new AppError("not_found:user", "This player does not exist.");
    if (target.role === role) return target;
    const [updated] = await tx
      .update(users)
      .set({ role, updatedAt: input.now ?? sql`now()` })
      .where(eq(users.id, userId))
      .returning();
    await tx.insert(auditLog).values({
      actorId: input.actorId,
      action: "user.role_set",
      target: `user:${userId}`,
      details: { from: target.role, to: role },
      ...(input.now ? { createdAt: input.now } : {}),
    });
    return updated!;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
