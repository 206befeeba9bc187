import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type LedgerEntry } from "@/db/schema";
import { lockActingAdmin } from "@/lib/auth/acting-admin";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/ops/audit";
import { parseOrThrow } from "@/lib/validation";
import { refIds } from "./constants";
import { postEntry } from "./ledger";
import { adminAdjustSchema } from "./schemas";

export type AdminAdjustResult = { entry: LedgerEntry; created: boolean };

/**
 * An admin's manual correction: an ADMIN_ADJUST entry (ref `adjust:{uuid}`) and its audit
 * row in one transaction. The actor's role is re-read here, inside the write, so a demoted
 * admin cannot adjust even with a stale session. A repeated `adjustmentId` (double submit)
 * returns the first result and writes no second audit row.
 */
export async function adminAdjust(
  db: Database,
  input: {
    actorId: string;
    userId: string;
    amount: number;
    reason: string;
    adjustmentId?: string;
    now: Date;
  },
): Promise<AdminAdjustResult> {
  const { actorId, now, ...form } = input;
  const parsed = parseOrThrow(adminAdjustSchema, form, {
    code: "unprocessable:adjust_invalid",
    message: "Check the adjustment.",
  });
  const { userId, amount, reason } = parsed;
  const adjustmentId = parsed.adjustmentId ?? randomUUID();

  return db.transaction(async (tx) => {
    await lockActingAdmin(tx, actorId, { message: "Only an admin can adjust points." });
    const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
    if (!target) throw new AppError("not_found:user", "This player does not exist.");

    const result = await postEntry(tx, {
      userId,
      amount,
      reason: "ADMIN_ADJUST",
      refId: refIds.adjust(adjustmentId),
      memo: reason,
      actorId,
      now,
    });
    if (result.created) {
      await recordAudit(tx, {
        actorId,
        action: "points.adjust",
        target: `user:${userId}`,
        details: {
          amount,
          reason,
          refId: result.entry.refId,
          ledgerId: result.entry.id,
          balanceAfter: result.entry.balanceAfter,
        },
        now: now,
      });
    }
    return result;
  });
}
