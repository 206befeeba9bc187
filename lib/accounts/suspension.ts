import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { users } from "@/db/schema";
import { lockActingAdmin } from "@/lib/auth/acting-admin";
import { endAllSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { isUuid, parseOrThrow } from "@/lib/validation";
import { suspendSchema } from "./schemas";

/**
 * Suspension (docs/rules.md, "Suspension and account deletion"). A suspended player may sign in
 * and read their history, but cannot make or change a call, watch an ad for a slot or redeem a
 * reward. Suspending ends every open session at once; lifting it restores everything.
 */

export const SUSPENDED = "forbidden:suspended";

export function suspendedError(): AppError {
  return new AppError(SUSPENDED, "Your account is suspended: you can see your history but cannot play.");
}

/**
 * The one check for playing: calls, ads and redemptions ask it before they write anything
 * (lib/predictions/service.ts, lib/rewards/service.ts). A deleted account cannot play either.
 */
export async function assertMayPlay(db: Database | Tx, userId: string): Promise<void> {
  if (!isUuid(userId)) return;
  const [row] = await db
    .select({ suspendedAt: users.suspendedAt, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (row?.suspendedAt || row?.deletedAt) throw suspendedError();
}

export type SuspensionResult = {
  userId: string;
  suspended: boolean;
  changed: boolean;
  sessionsEnded: number;
};

/** Admin: suspend a player with a reason. Audited in the same transaction; every session of the player ends. */
export async function suspendUser(
  db: Database,
  input: { actorId: string; userId: string; reason: unknown; now: Date },
): Promise<SuspensionResult> {
  const { reason } = parseOrThrow(
    suspendSchema,
    { reason: input.reason },
    {
      code: "unprocessable:suspension_reason",
      message: "Give a reason for the suspension (1–500 characters).",
    },
  );
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, input.actorId, input.userId);
    if (target.id === input.actorId)
      throw new AppError("conflict:suspend_self", "You cannot suspend your own account.");
    if (target.role === "admin")
      throw new AppError(
        "conflict:suspend_admin",
        "Take the admin role away before suspending this account.",
      );
    const changed = !target.suspendedAt || target.suspendedReason !== reason;
    if (changed)
      await tx
        .update(users)
        .set({ suspendedAt: target.suspendedAt ?? input.now, suspendedReason: reason, updatedAt: input.now })
        .where(eq(users.id, target.id));
    const sessionsEnded = await endAllSessions(tx, { userId: target.id, now: input.now });
    if (changed)
      await recordAudit(tx, {
        actorId: input.actorId,
        action: "user.suspended",
        target: `user:${target.id}`,
        details: { reason, sessionsEnded, already: Boolean(target.suspendedAt) },
        now: input.now,
      });
    return { userId: target.id, suspended: true, changed, sessionsEnded };
  });
}

/** Admin: lift a suspension. Audited; lifting one that is not there changes nothing. */
export async function liftSuspension(
  db: Database,
  input: { actorId: string; userId: string; now: Date },
): Promise<SuspensionResult> {
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, input.actorId, input.userId);
    if (!target.suspendedAt) return { userId: target.id, suspended: false, changed: false, sessionsEnded: 0 };
    await tx
      .update(users)
      .set({ suspendedAt: null, suspendedReason: null, updatedAt: input.now })
      .where(eq(users.id, target.id));
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "user.suspension_lifted",
      target: `user:${target.id}`,
      details: { suspendedAt: target.suspendedAt.toISOString(), reason: target.suspendedReason },
      now: input.now,
    });
    return { userId: target.id, suspended: false, changed: true, sessionsEnded: 0 };
  });
}

async function lockTarget(tx: Tx, actorId: string, userId: string) {
  if (!isUuid(userId)) throw new AppError("not_found:user", "This player does not exist.");
  const locked = await lockActingAdmin(tx, actorId, {
    alsoLock: [userId],
    message: "Only an admin can suspend a player.",
  });
  const target = locked.get(userId);
  if (!target || target.deletedAt) throw new AppError("not_found:user", "This player does not exist.");
  return target;
}
