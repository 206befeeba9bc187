import "server-only";
import { inArray, sql } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "@/db/client";
import { pointsLedger, type LedgerEntry } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { appClock } from "@/lib/clock";
import { PG, pgErrorCode } from "@/db/errors";
import { postEntrySchema, type PostEntryInput } from "./schemas";

export type PostEntryResult = { entry: LedgerEntry; created: boolean };

type Entry = ReturnType<typeof postEntrySchema.parse>;

/** Thrown inside the write to undo it: another transaction committed one of its refs first. */
class RefTakenMeanwhile extends Error {}

/** A write that contradicts itself (a lost row, a broken chain): never expected, always rolled back. */
export class LedgerIntegrityError extends Error {
  constructor(message: string) {
    super(`ledger write check failed: ${message}`);
    this.name = "LedgerIntegrityError";
  }
}

const MAX_BALANCE = 2_147_483_647;
const ATTEMPTS = 3;

/** Append one entry to the points ledger and move the balance with it: `postEntries` of one. */
export async function postEntry(db: Database | Tx, input: PostEntryInput): Promise<PostEntryResult> {
  const [result] = await postEntries(db, [input]);
  return result!;
}

/**
 * Append entries to the points ledger and move the balances with them, idempotently by
 * `refId` (I1–I3), in a fixed number of statements however many entries there are.
 *
 * - A ref already in the ledger with the same user, amount and reason returns the original
 *   entry (`created: false`) and writes nothing; with any of them different it is
 *   `conflict:ledger_ref_mismatch`. The same holds for a ref repeated within `inputs`.
 * - Each player's entries apply in the order given; a debit the running balance cannot cover
 *   is `conflict:insufficient_points` and nothing of the call is written.
 * - The players' balance rows are locked in user-id order (so concurrent writers queue
 *   instead of deadlocking), each `balanceAfter` is the locked balance plus the player's
 *   entries so far, the rows are inserted in that order (ids and `balanceAfter` rise
 *   together) and each balance moves by what was inserted, in one statement that also counts
 *   balances not ending where their chain does; the chain is checked again on the way back.
 * - If a ref turns out to be taken (a replay, or a concurrent transaction that committed it
 *   first), the whole write is rolled back (its own transaction, or a savepoint when given a
 *   `Tx`) and retried for the refs still new, looking them up under the balance locks, so a
 *   duplicate never moves a balance. `CHECK (balance >= 0)` stays the backstop.
 *
 * Results come back in the order of `inputs`.
 */
export async function postEntries(
  db: Database | Tx,
  inputs: readonly PostEntryInput[],
): Promise<PostEntryResult[]> {
  const entries = inputs.map(parseEntry);
  const firstByRef = new Map<string, Entry>();
  for (const e of entries) {
    const first = firstByRef.get(e.refId);
    if (!first) firstByRef.set(e.refId, e);
    else sameEntryOrThrow(first, e);
  }
  const done = new Map<string, PostEntryResult>();
  let pending = [...firstByRef.values()];

  for (let attempt = 1; pending.length > 0; attempt++) {
    // One entry: look first, so a replay takes no lock. Many (settlement's fresh awards): write
    // straight away; a ref already taken undoes the write and the next attempt sorts it out.
    if (attempt > 1 || pending.length === 1) {
      for (const row of await findEntriesByRef(
        db,
        pending.map((e) => e.refId),
      )) {
        done.set(row.refId, { entry: sameEntryOrThrow(row, firstByRef.get(row.refId)!), created: false });
      }
      pending = pending.filter((e) => !done.has(e.refId));
      if (pending.length === 0) break;
    }
    if (attempt > ATTEMPTS)
      throw new AppError(
        "internal:ledger_ref_vanished",
        "Something went wrong on our side. Please try again.",
      );
    try {
      // On a Database this is a transaction; on a Tx, drizzle makes it a savepoint inside the caller's.
      // A retry looks the refs up again once it holds the balance locks: every other writer of
      // these players has then committed or is waiting, so it cannot lose the same way twice.
      const { written, existing } = await (db as Database).transaction((tx) =>
        writeNew(tx, pending, attempt > 1 ? firstByRef : null),
      );
      for (const entry of existing) done.set(entry.refId, { entry, created: false });
      for (const entry of written) done.set(entry.refId, { entry, created: true });
      pending = [];
    } catch (err) {
      // A concurrent copy of an entry may have committed first (and, for a debit, used the
      // balance this one needed): look again; those entries are then duplicates, not failures.
      if (err instanceof RefTakenMeanwhile) continue;
      if (err instanceof AppError && err.code === "conflict:insufficient_points") {
        if (
          (
            await findEntriesByRef(
              db,
              pending.map((e) => e.refId),
            )
          ).length > 0
        )
          continue;
        throw err;
      }
      const code = pgErrorCode(err);
      if (code === PG.foreignKeyViolation)
        throw new AppError("not_found:user", "This player does not exist.", { cause: err });
      if (code === PG.numericOutOfRange) throw balanceLimit(err);
      throw err;
    }
  }

  return entries.map((e) => {
    const result = done.get(e.refId)!;
    // A repeat of a ref within one call is a duplicate of the first.
    if (firstByRef.get(e.refId) !== e) return { entry: result.entry, created: false };
    return result;
  });
}

type InsertedRow = { id: string | number; ref_id: string; created_ms: string | number; off: number };

async function writeNew(
  tx: Tx,
  candidates: Entry[],
  recheck: ReadonlyMap<string, Entry> | null,
): Promise<{ written: LedgerEntry[]; existing: LedgerEntry[] }> {
  const users = [...new Set(candidates.map((e) => e.userId))].sort();
  const before = await lockBalances(tx, users);
  const existing = recheck
    ? await findEntriesByRef(
        tx,
        candidates.map((e) => e.refId),
      )
    : [];
  for (const row of existing) sameEntryOrThrow(row, recheck!.get(row.refId)!);
  const taken = new Set(existing.map((r) => r.refId));
  const entries = candidates.filter((e) => !taken.has(e.refId));
  if (entries.length === 0) return { written: [], existing };

  // Each player's entries in the order given, players in id order: the insert order.
  const order = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.userId < b.e.userId ? -1 : a.e.userId > b.e.userId ? 1 : a.i - b.i));
  const running = new Map(before);
  const rows = order.map(({ e }) => {
    const balanceAfter = running.get(e.userId)! + e.amount;
    if (balanceAfter < 0) {
      throw new AppError("conflict:insufficient_points", "Not enough points for this.", {
        details: { needed: -e.amount, available: running.get(e.userId)!, refId: e.refId },
      });
    }
    if (balanceAfter > MAX_BALANCE) throw balanceLimit();
    running.set(e.userId, balanceAfter);
    return { e, balanceAfter };
  });
  // Positional rows keep the one parameter small: [ref, user, amount, reason, balance_after, memo, actor, created_at].
  const wire = rows.map(({ e, balanceAfter }) => [
    e.refId,
    e.userId,
    e.amount,
    e.reason,
    balanceAfter,
    e.memo ?? null,
    e.actorId ?? null,
    (e.now ?? appClock.now()).toISOString(),
  ]);

  // One statement: the ledger rows, then each balance moved by the sum of what was inserted,
  // counting the balances that did not end where the chain does (`off`).
  const finals = [...new Set(entries.map((e) => e.userId))].map((u) => ({ u, b: running.get(u)! }));
  const inserted = rowsOf<InsertedRow>(
    await tx.execute(sql`
      with input as (
        select ord, r->>0 as ref_id, (r->>1)::uuid as user_id, (r->>2)::int as amount, (r->>3)::ledger_reason as reason,
          (r->>4)::int as balance_after, r->>5 as memo, (r->>6)::uuid as actor_id, (r->>7)::timestamptz as created_at
        from jsonb_array_elements(${JSON.stringify(wire)}::jsonb) with ordinality as t(r, ord)
      ), ins as (
        insert into points_ledger (ref_id, user_id, amount, reason, balance_after, memo, actor_id, created_at)
        select ref_id, user_id, amount, reason, balance_after, memo, actor_id, created_at
        from input order by ord
        on conflict (ref_id) do nothing
        returning id, ref_id, user_id, amount, created_at
      ), moved as (
        update points_balances b set balance = b.balance + s.added, updated_at = s.at
        from (select user_id, sum(amount)::int as added, max(created_at) as at from ins group by user_id) s
        where b.user_id = s.user_id
        returning b.user_id, b.balance
      ), off as (
        select count(*)::int as n from moved m
        full join (select * from jsonb_to_recordset(${JSON.stringify(finals)}::jsonb) as f(u uuid, b int)) f on f.u = m.user_id
        where m.balance is distinct from f.b
      )
      select i.id, i.ref_id, (extract(epoch from i.created_at) * 1000)::float8 as created_ms, (select n from off) as off
      from ins i`),
  );
  if (inserted.length !== entries.length) throw new RefTakenMeanwhile();
  if (Number(inserted[0]?.off ?? 0) !== 0)
    throw new LedgerIntegrityError(`${inserted[0]!.off} balances did not end where their entries do`);

  const sent = new Map(rows.map((r) => [r.e.refId, r]));
  const written = inserted.map((r): LedgerEntry => {
    const { e, balanceAfter } = sent.get(r.ref_id)!;
    return {
      id: Number(r.id),
      refId: e.refId,
      userId: e.userId,
      amount: e.amount,
      reason: e.reason,
      balanceAfter,
      memo: e.memo ?? null,
      actorId: e.actorId ?? null,
      createdAt: new Date(Number(r.created_ms)),
    };
  });
  verifyChain(written, before, running);
  return { written, existing };
}

/** Lock (creating at 0 where missing) the players' balance rows in user-id order; their balances before the write. */
async function lockBalances(tx: Tx, users: string[]): Promise<Map<string, number>> {
  const lock = async () =>
    rowsOf<{ user_id: string; balance: number }>(
      await tx.execute(sql`select user_id::text as user_id, balance from points_balances
        where user_id = any(${uuidArray(users)}) order by user_id for update`),
    );
  let locked = await lock();
  if (locked.length < users.length) {
    // Normally every player has a row since the signup bonus. Created in sorted order so two
    // writers creating rows for the same new players queue instead of deadlocking.
    await tx.execute(sql`insert into points_balances (user_id, balance)
      select u, 0 from unnest(${uuidArray(users)}) as u order by u on conflict (user_id) do nothing`);
    locked = await lock();
  }
  if (locked.length !== users.length)
    throw new LedgerIntegrityError(`locked ${locked.length} balances for ${users.length} players`);
  return new Map(locked.map((r) => [r.user_id, Number(r.balance)]));
}

/**
 * Per player, in ledger-id order, each balanceAfter must be the previous one plus the
 * amount, starting from the locked balance, and the moved balance must end where the chain does.
 */
export function verifyChain(
  written: readonly Pick<LedgerEntry, "id" | "userId" | "amount" | "balanceAfter">[],
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number | null>,
): void {
  const byUser = new Map<string, (typeof written)[number][]>();
  for (const row of written) {
    const list = byUser.get(row.userId);
    if (list) list.push(row);
    else byUser.set(row.userId, [row]);
  }
  for (const [userId, list] of byUser) {
    list.sort((a, b) => a.id - b.id);
    let balance = before.get(userId);
    if (balance === undefined) throw new LedgerIntegrityError(`no locked balance for ${userId}`);
    for (const row of list) {
      balance += row.amount;
      if (row.balanceAfter !== balance) {
        throw new LedgerIntegrityError(
          `ledger row ${row.id} of ${userId} has balance_after ${row.balanceAfter}, expected ${balance}`,
        );
      }
    }
    if (after.get(userId) !== balance)
      throw new LedgerIntegrityError(`balance of ${userId} is ${after.get(userId)}, expected ${balance}`);
  }
}

async function findEntriesByRef(db: Database | Tx, refIds: readonly string[]): Promise<LedgerEntry[]> {
  if (refIds.length === 0) return [];
  if (refIds.length === 1)
    return db
      .select()
      .from(pointsLedger)
      .where(inArray(pointsLedger.refId, [...refIds]))
      .limit(1);
  return db
    .select()
    .from(pointsLedger)
    .where(sql`${pointsLedger.refId} = any(${textArray(refIds)})`);
}

function parseEntry(input: PostEntryInput, index: number): Entry {
  const parsed = postEntrySchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("unprocessable:ledger_entry", "This points entry is not valid.", {
      details: { index, issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
    });
  }
  return parsed.data;
}

function sameEntryOrThrow(existing: LedgerEntry | Entry, wanted: Entry): LedgerEntry {
  if (
    existing.userId === wanted.userId &&
    existing.amount === wanted.amount &&
    existing.reason === wanted.reason
  ) {
    return existing as LedgerEntry;
  }
  throw new AppError(
    "conflict:ledger_ref_mismatch",
    "This reference was already used for a different points entry.",
    {
      details: { refId: wanted.refId },
    },
  );
}

const balanceLimit = (cause?: unknown) =>
  new AppError(
    "conflict:balance_limit",
    "This would take the balance past its limit.",
    cause === undefined ? {} : { cause },
  );

/** Arrays as one text parameter: the same on both drivers, no parameter limit. Uuids have no commas; refs go as JSON. */
const uuidArray = (ids: readonly string[]) => sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;
const textArray = (values: readonly string[]) =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
