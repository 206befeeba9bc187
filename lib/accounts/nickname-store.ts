import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, ne, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users, type NewUser, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { PG, pgErrorCode } from "@/db/errors";
import { isValidNickname, nicknameCandidates, withSuffix } from "./nickname";

const BATCH = 20;
const SEQUENTIAL_LIMIT = 200;
const RANDOM_TRIES = 20;

export const NICKNAME_SET_ACTION = "user.nickname_set";

/**
 * Insert a new user under the first free nickname among `base`, `base2`, `base3`… The
 * case-insensitive unique index decides: ON CONFLICT DO NOTHING waits for a concurrent
 * insert of the same name and then skips to the next candidate, so simultaneous sign-ins
 * of "kim" end up as kim, kim2, kim3 without aborting the transaction.
 */
export async function insertUserWithFreeNickname(
  tx: Tx,
  values: Omit<NewUser, "nickname">,
  base: string,
): Promise<User> {
  const user = await firstFree(tx, base, undefined, async (nickname) => {
    const [row] = await tx
      .insert(users)
      .values({ ...values, nickname })
      .onConflictDoNothing()
      .returning();
    return row;
  });
  return user;
}

/** Rename `userId` to the first free nickname derived from `base` (its own current name counts as free). */
export async function renameToFreeNickname(tx: Tx, userId: string, base: string, now: Date): Promise<User> {
  return firstFree(tx, base, userId, async (nickname) => {
    try {
      // A savepoint per try: a unique violation (lost race) must not abort the caller's transaction.
      return await tx.transaction(async (sp) => {
        const [row] = await sp
          .update(users)
          .set({ nickname, updatedAt: now })
          .where(eq(users.id, userId))
          .returning();
        if (!row) throw new AppError("not_found:user", "This player does not exist.");
        return row;
      });
    } catch (err) {
      if (pgErrorCode(err) === PG.uniqueViolation) return undefined;
      throw err;
    }
  });
}

/** Whether the player chose their nickname themselves (`users.nickname_set_at`); then the provider's name is no longer synced. */
export async function hasCustomNickname(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ setAt: users.nicknameSetAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return Boolean(row?.setAt);
}

async function firstFree<T>(
  tx: Tx,
  base: string,
  selfId: string | undefined,
  attempt: (nickname: string) => Promise<T | undefined>,
): Promise<T> {
  for (let from = 1; from <= SEQUENTIAL_LIMIT; from += BATCH) {
    const candidates = uniqueValid(nicknameCandidates(base, from, BATCH));
    const taken = await takenAmong(tx, candidates, selfId);
    for (const nickname of candidates) {
      if (taken.has(nickname.toLowerCase())) continue;
      const done = await attempt(nickname);
      if (done) return done;
    }
  }
  // A very common name: stop counting and pick random five-digit suffixes.
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const nickname = withSuffix(base, randomInt(10_000, 100_000));
    if (!isValidNickname(nickname)) continue;
    const done = await attempt(nickname);
    if (done) return done;
  }
  throw new AppError(
    "unavailable:nickname_exhausted",
    "We could not find a free nickname. Please try again.",
  );
}

function uniqueValid(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key) || !isValidNickname(n)) return false;
    seen.add(key);
    return true;
  });
}

/** Lower-cased candidates already used by someone else (candidates are ASCII/Hangul, so JS and SQL lower() agree). */
async function takenAmong(tx: Tx, candidates: string[], selfId: string | undefined): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const rows = await tx
    .select({ lower: sql<string>`lower(${users.nickname})` })
    .from(users)
    .where(
      and(
        or(...candidates.map((c) => sql`lower(${users.nickname}) = lower(${c})`)),
        selfId ? ne(users.id, selfId) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.lower));
}
