import { and, asc, between, count, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { instruments, universeEntries } from "@/db/schema";
import { systemClock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";
import { DEFAULT_SYMBOLS, DEFAULT_UNIVERSE } from "./default-list";
import { SYMBOL_PATTERN, UNIVERSE_MAX } from "./schemas";

export type UpsertCounts = { added: number; updated: number; removed: number; total: number };

/** Which symbols an upsert adds, removes and moves (stayed, at another position), in list order. */
export type UniverseChange = { added: string[]; removed: string[]; moved: string[] };

/** Look-up of symbols the price provider does not know (only asked when it is online). */
export type SymbolValidator = (symbols: string[]) => Promise<{ unknown: string[] }>;

const defaultNames = new Map(DEFAULT_UNIVERSE.map(([s, n]) => [s, n]));

/**
 * Replace the universe of `tradingDay` with `symbols` (in order) in one transaction.
 * `seq` follows list order; counts report what changed against the previous list.
 */
export async function upsertUniverse(
  db: Database,
  input: {
    tradingDay: string;
    symbols?: readonly string[];
    /** Asked about the symbols the day does not hold yet, before the transaction (it may go online). */
    validate?: SymbolValidator;
    now?: Date;
    /**
     * Runs inside the transaction, under the day's lock, before anything is written: may refuse
     * the change (throw) or act on it (void the calls of removed symbols, write the audit line).
     */
    onChange?: (tx: Tx, change: UniverseChange) => Promise<void>;
  },
): Promise<UpsertCounts> {
  // Stamped by lib/clock when the caller (a script, a test) gives no `now`, never by the database server.
  const now = input.now ?? systemClock.now();
  const symbols = input.symbols && input.symbols.length > 0 ? [...input.symbols] : [...DEFAULT_SYMBOLS];
  if (symbols.length > UNIVERSE_MAX) {
    throw new AppError(
      "unprocessable:universe_too_large",
      `A universe holds at most ${UNIVERSE_MAX} symbols (got ${symbols.length}).`,
    );
  }
  const bad = symbols.filter((s) => !SYMBOL_PATTERN.test(s));
  if (bad.length) {
    throw new AppError(
      "unprocessable:universe_symbol_format",
      `Not a valid symbol: ${bad.slice(0, 5).join(", ")}.`,
      {
        details: { invalid: bad },
      },
    );
  }
  const duplicates = duplicatesOf(symbols);
  if (duplicates.length) {
    throw new AppError(
      "unprocessable:universe_duplicate",
      `Listed more than once: ${duplicates.join(", ")}.`,
      {
        details: { duplicates },
      },
    );
  }
  // Symbols the day already holds were checked when they were added; only new ones are asked about.
  let checked: Set<string> | null = null;
  if (input.validate) {
    const held = new Set((await dayRows(db, input.tradingDay)).map((r) => r.symbol));
    const fresh = symbols.filter((s) => !held.has(s));
    await refuseUnknownSymbols(input.validate, fresh);
    checked = new Set(fresh);
  }

  forgetUniverse(input.tradingDay);
  const counts = await db.transaction(async (tx) => {
    // Two upserts of one day must not interleave.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`universe:${input.tradingDay}`}))`);
    const existing = await dayRows(tx, input.tradingDay);
    const before = new Map(existing.map((r) => [r.symbol, r.seq]));
    const wanted = new Map(symbols.map((s, i) => [s, i + 1]));

    const removed = existing.filter((r) => !wanted.has(r.symbol)).map((r) => r.symbol);
    const added = symbols.filter((s) => !before.has(s));
    const moved = symbols.filter((s) => before.has(s) && before.get(s) !== wanted.get(s));
    // A symbol removed by another edit since the check would be added unchecked.
    if (checked && added.some((s) => !checked.has(s))) {
      throw new AppError(
        "conflict:universe_changed",
        "The universe of this day changed while you were editing it. Reload and try again.",
        { details: { tradingDay: input.tradingDay } },
      );
    }
    await input.onChange?.(tx, { added, removed, moved });

    if (removed.length) {
      await tx
        .delete(universeEntries)
        .where(
          and(eq(universeEntries.tradingDay, input.tradingDay), inArray(universeEntries.symbol, removed)),
        );
    }
    for (const symbol of moved) {
      await tx
        .update(universeEntries)
        .set({ seq: wanted.get(symbol)!, updatedAt: now })
        .where(and(eq(universeEntries.tradingDay, input.tradingDay), eq(universeEntries.symbol, symbol)));
    }
    if (added.length) {
      await tx
        .insert(instruments)
        .values(added.map((s) => ({ symbol: s, name: defaultNames.get(s) ?? s })))
        .onConflictDoNothing();
      await tx.insert(universeEntries).values(
        added.map((s) => ({
          tradingDay: input.tradingDay,
          symbol: s,
          seq: wanted.get(s)!,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    return { added: added.length, updated: moved.length, removed: removed.length, total: symbols.length };
  });
  forgetUniverse(input.tradingDay);
  return counts;
}

function dayRows(db: Database | Tx, tradingDay: string) {
  return db
    .select({ symbol: universeEntries.symbol, seq: universeEntries.seq })
    .from(universeEntries)
    .where(eq(universeEntries.tradingDay, tradingDay))
    .orderBy(asc(universeEntries.seq));
}

/** Refuses (`unprocessable:universe_unknown_symbol`, naming them) the symbols `validate` does not know. */
export async function refuseUnknownSymbols(
  validate: SymbolValidator,
  symbols: readonly string[],
): Promise<void> {
  const { unknown } = symbols.length ? await validate([...symbols]) : { unknown: [] };
  if (unknown.length) {
    throw new AppError(
      "unprocessable:universe_unknown_symbol",
      `The price provider does not know: ${unknown.slice(0, 10).join(", ")}.`,
      { details: { unknown } },
    );
  }
}

/** Each symbol listed more than once, once, in list order. */
export function duplicatesOf(symbols: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const s of symbols) (seen.has(s) ? twice : seen).add(s);
  return [...twice];
}

export type UniverseRow = { symbol: string; seq: number; name: string };

export async function getUniverse(db: Database, tradingDay: string): Promise<UniverseRow[]> {
  return db
    .select({
      symbol: universeEntries.symbol,
      seq: universeEntries.seq,
      name: sql<string>`coalesce(${instruments.name}, ${universeEntries.symbol})`,
    })
    .from(universeEntries)
    .leftJoin(instruments, eq(instruments.symbol, universeEntries.symbol))
    .where(eq(universeEntries.tradingDay, tradingDay))
    .orderBy(asc(universeEntries.seq));
}

/**
 * The day's symbols per database, kept in this process for the submit of a call. A "yes" from
 * here is checked again by the call's own transaction (a symbol removed on another instance
 * is refused there); a "no" is confirmed from the database (a symbol added elsewhere is seen
 * at once, and the day is reloaded). `upsertUniverse` in this process drops the day.
 */
const membership = () =>
  processSingleton("universe-membership", () => ({
    byDb: new WeakMap<Database, Map<string, { symbols: Set<string>; epoch: number }>>(),
    epochs: new Map<string, number>(),
  }));

function forgetUniverse(tradingDay: string): void {
  const epochs = membership().epochs;
  if (epochs.size > 64) epochs.clear();
  epochs.set(tradingDay, (epochs.get(tradingDay) ?? 0) + 1);
}

async function loadDay(db: Database, tradingDay: string, epoch: number): Promise<Set<string>> {
  const rows = await db
    .select({ symbol: universeEntries.symbol })
    .from(universeEntries)
    .where(eq(universeEntries.tradingDay, tradingDay));
  const symbols = new Set(rows.map((r) => r.symbol));
  const cache = membership();
  let days = cache.byDb.get(db);
  if (!days) cache.byDb.set(db, (days = new Map()));
  if (days.size > 8) days.clear();
  days.set(tradingDay, { symbols, epoch });
  return symbols;
}

/** Whether `symbol` is in the day's universe, from this process's copy (see `membership`). */
export async function isInUniverseCached(db: Database, tradingDay: string, symbol: string): Promise<boolean> {
  const cache = membership();
  const epoch = cache.epochs.get(tradingDay) ?? 0;
  const hit = cache.byDb.get(db)?.get(tradingDay);
  if (hit && hit.epoch === epoch && hit.symbols.has(symbol)) return true;
  if (!hit || hit.epoch !== epoch) return (await loadDay(db, tradingDay, epoch)).has(symbol);
  if (!(await isInUniverse(db, tradingDay, symbol))) return false;
  await loadDay(db, tradingDay, epoch);
  return true;
}

export async function isInUniverse(db: Database, tradingDay: string, symbol: string): Promise<boolean> {
  const rows = await db
    .select({ symbol: universeEntries.symbol })
    .from(universeEntries)
    .where(and(eq(universeEntries.tradingDay, tradingDay), eq(universeEntries.symbol, symbol)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Which of `symbols` the game knows: in the universe of one of `days`, or in `instruments`.
 * One statement, whatever the number of symbols.
 */
export async function knownSymbols(db: Database, symbols: string[], days: string[]): Promise<Set<string>> {
  if (symbols.length === 0) return new Set();
  const inUniverse = db
    .select({ symbol: universeEntries.symbol })
    .from(universeEntries)
    .where(
      and(
        inArray(universeEntries.symbol, symbols),
        days.length ? inArray(universeEntries.tradingDay, days) : sql`false`,
      ),
    );
  const rows = await db
    .select({ symbol: instruments.symbol })
    .from(instruments)
    .where(inArray(instruments.symbol, symbols))
    .union(inUniverse);
  return new Set(rows.map((r) => r.symbol));
}

/** How many symbols the day's universe holds (0: none was selected). */
export async function universeSize(db: Database, tradingDay: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(universeEntries)
    .where(eq(universeEntries.tradingDay, tradingDay));
  return row?.n ?? 0;
}

/** Every symbol in the universes of the days in [from, to], in first-seen order. */
export async function universeSymbolsBetween(
  db: Database,
  input: { from: string; to: string },
): Promise<string[]> {
  // Each symbol's first day in the range and its position that day; then ordered by both.
  const rows = await db
    .selectDistinctOn([universeEntries.symbol], {
      symbol: universeEntries.symbol,
      day: universeEntries.tradingDay,
      seq: universeEntries.seq,
    })
    .from(universeEntries)
    .where(between(universeEntries.tradingDay, input.from, input.to))
    .orderBy(universeEntries.symbol, asc(universeEntries.tradingDay));
  return rows.sort((a, b) => a.day.localeCompare(b.day) || a.seq - b.seq).map((r) => r.symbol);
}
