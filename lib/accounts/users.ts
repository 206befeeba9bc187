import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { users, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { PG, pgErrorCode } from "@/db/errors";
import { NICKNAME_SET_ACTION } from "./nickname-store";
import { setNicknameSchema, setRoleSchema, type UserRole } from "./schemas";
import { lockActingAdmin } from "@/lib/auth/acting-admin";
import { isUuid, parseOrThrow } from "@/lib/validation";
import { forgetBoards } from "@/lib/loop/leaderboard";

export async function getUserById(db: Database | Tx, userId: string): Promise<User | null> {
  if (!isUuid(userId)) return null;
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/**
 * The player's own nickname (profile page). Validated by the shared schema; the
 * case-insensitive unique index decides clashes (`conflict:nickname_taken`). Marks the
 * nickname as chosen (`nicknameSetAt`), so the provider's name is no longer synced over it,
 * and records it in the audit log.
 */
export async function setNickname(
  db: Database,
  input: { userId: string; nickname: string; now: Date },
): Promise<User> {
  const { nickname } = parseOrThrow(
    setNicknameSchema,
    { nickname: input.nickname },
    {
      code: "unprocessable:nickname_invalid",
      message: (_, fieldErrors) => fieldErrors.nickname?.[0] ?? "This nickname is not allowed.",
    },
  );
  try {
    const user = await db.transaction(async (tx) => {
      const [current] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update");
      if (!current) throw new AppError("not_found:user", "This player does not exist.");
      const [updated] = await tx
        .update(users)
        .set({ nickname, nicknameSetAt: input.now, updatedAt: input.now })
        .where(eq(users.id, input.userId))
        .returning();
      await recordAudit(tx, {
        actorId: input.userId,
        action: NICKNAME_SET_ACTION,
        target: `user:${input.userId}`,
        details: { from: current.nickname, to: nickname },
        now: input.now,
      });
      return updated!;
    });
    // The boards kept in memory show nicknames.
    forgetBoards();
    return user;
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
 * A demotion is recorded (`adminDemotedAt`): from then on ADMIN_EMAILS no longer grants admin
 * to this user or to another account with the same verified e-mail; only an admin can.
 * Promoting clears the record.
 */
export async function setRole(
  db: Database,
  input: { actorId: string; userId: string; role: UserRole; now: Date },
): Promise<User> {
  const { userId, role } = parseOrThrow(
    setRoleSchema,
    { userId: input.userId, role: input.role },
    {
      code: "unprocessable:role_invalid",
      message: "Check the role change.",
    },
  );
  return db.transaction(async (tx) => {
    const locked = await lockActingAdmin(tx, input.actorId, {
      alsoLock: [userId],
      message: "Only an admin can change roles.",
    });
    if (input.actorId === userId && role !== "admin") {
      throw new AppError(
        "conflict:cannot_demote_self",
        "You cannot remove your own admin role. Ask another admin.",
      );
    }
    const target = locked.get(userId);
    if (!target) throw new AppError("not_found:user", "This player does not exist.");
    if (target.role === role) return target;
    const [updated] = await tx
      .update(users)
      .set({ role, adminDemotedAt: role === "admin" ? null : input.now, updatedAt: input.now })
      .where(eq(users.id, userId))
      .returning();
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "user.role_set",
      target: `user:${userId}`,
      details: { from: target.role, to: role, ...(role !== "admin" ? { demotionRecorded: true } : {}) },
      now: input.now,
    });
    return updated!;
  });
}
