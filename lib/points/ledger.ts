import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { pointsBalances, pointsLedger, type LedgerEntry } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { PG, pgErrorCode } from "./pg-error";
import { postEntrySchema, type PostEntryInput } from "./schemas";

export type PostEntryResult = { entry: LedgerEntry; created: boolean };

/** Thrown inside the write to undo it: another transaction committed this ref first. */
class RefTakenMeanwhile extends Error {}

/**
 * Append one entry to the points ledger and move the balance with it, idempotently by
 * `refId` (I1–I3).
 *
 * - The same ref with the same user, amount and reason returns the original entry
 *   (`created: false`) and writes nothing; with any of them different it is
 *   `conflict:ledger_ref_mismatch`.
 * - A debit the balance cannot cover is `conflict:insufficient_points` and writes nothing.
 * - The balance moves by a conditional UPDATE (row lock, `balance + amount >= 0`), and the
 *   ledger row is inserted *after* it, under that lock, so `balanceAfter` and the id order
 *   agree. If the insert then finds the ref taken by a concurrent transaction, the whole
 *   write is rolled back (its own transaction, or a savepoint when given a `Tx`), so a
 *   duplicate never moves the balance.
 */
export async function postEntry(db: Database | Tx, input: PostEntryInput): Promise<PostEntryResult> {
  const parsed = postEntrySchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("unprocessable:ledger_entry", "This points entry is not valid.", {
      details: { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
    });
  }
  const e = parsed.data;

  const earlier = await findEntryByRef(db, e.refId);
  if (earlier) return { entry: sameEntryOrThrow(earlier, e), created: false };

  try {
    // On a Database this is a transaction; on a Tx, drizzle makes it a savepoint inside the caller's.
    const entry = await (db as Database).transaction(async (tx) => {
      await tx.insert(pointsBalances).values({ userId: e.userId, balance: 0 }).onConflictDoNothing();
      const [moved] = await tx
        .update(pointsBalances)
        .set({ balance: sql`${pointsBalances.balance} + ${e.amount}`, updatedAt: e.now ?? sql`now()` })
        .where(and(eq(pointsBalances.userId, e.userId), sql`${pointsBalances.balance} + ${e.amount} >= 0`))
        .returning({ balance: pointsBalances.balance });
      if (!moved) {
        throw new AppError("conflict:insufficient_points", "Not enough points for this.", { details: { needed: -e.amount } });
      }
      const [row] = await tx
        .insert(pointsLedger)
        .values({
          refId: e.refId,
          userId: e.userId,
          amount: e.amount,
          reason: e.reason,
          balanceAfter: moved.balance,
          memo: e.memo ?? null,
          actorId: e.actorId ?? null,
          ...(e.now ? { createdAt: e.now } : {}),
        })
        .onConflictDoNothing({ target: pointsLedger.refId })
        .returning();
      if (!row) throw new RefTakenMeanwhile();
      return row;
    });
    return { entry, created: true };
  } catch (err) {
    const code = pgErrorCode(err);
    if (err instanceof RefTakenMeanwhile || (err instanceof AppError && err.code === "conflict:insufficient_points")) {
      // A concurrent copy of this entry may have committed first (and, for a debit, used the
      // balance this one needed): then this call is a duplicate, not a failure.
      const winner = await findEntryByRef(db, e.refId);
      if (winner) return { entry: sameEntryOrThrow(winner, e), created: false };
      if (err instanceof RefTakenMeanwhile) {
        throw new AppError("internal:ledger_ref_vanished", "Something went wrong on our side. Please try again.");
      }
      throw err;
    }
    if (code === PG.foreignKeyViolation) throw new AppError("not_found:user", "This player does not exist.", { cause: err });
    if (code === PG.numericOutOfRange) {
      throw new AppError("conflict:balance_limit", "This would take the balance past its limit.", { cause: err });
    }
    throw err;
  }
}

export async function findEntryByRef(db: Database | Tx, refId: string): Promise<LedgerEntry | undefined> {
  const [row] = await db.select().from(pointsLedger).where(eq(pointsLedger.refId, refId)).limit(1);
  return row;
}

function sameEntryOrThrow(existing: LedgerEntry, wanted: { userId: string; amount: number; reason: string; refId: string }): LedgerEntry {
  if (existing.userId === wanted.userId && existing.amount === wanted.amount && existing.reason === wanted.reason) return existing;
  throw new AppError("conflict:ledger_ref_mismatch", "This reference was already used for a different points entry.", {
    details: { refId: wanted.refId },
  });
}
