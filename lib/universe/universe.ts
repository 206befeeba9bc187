import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { instruments, universeEntries } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { DEFAULT_SYMBOLS, DEFAULT_UNIVERSE } from "./default-list";
import { SYMBOL_PATTERN, UNIVERSE_MAX } from "./schemas";

export type UpsertCounts = { added: number; updated: number; removed: number; total: number };

/** Look-up of symbols the price provider does not know (only asked when it is online). */
export type SymbolValidator = (symbols: string[]) => Promise<{ unknown: string[] }>;

const defaultNames = new Map(DEFAULT_UNIVERSE.map(([s, n]) => [s, n]));

/**
 * Replace the universe of `tradingDay` with `symbols` (in order) in one transaction.
 * `seq` follows list order; counts report what changed against the previous list.
 */
export async function upsertUniverse(
  db: Database,
  input: { tradingDay: string; symbols?: readonly string[]; validate?: SymbolValidator },
): Promise<UpsertCounts> {
  const symbols = input.symbols && input.symbols.length > 0 ? [...input.symbols] : [...DEFAULT_SYMBOLS];
  if (symbols.length > UNIVERSE_MAX) {
    throw new AppError("unprocessable:universe_too_large", `A universe holds at most ${UNIVERSE_MAX} symbols (got ${symbols.length}).`);
  }
  const bad = symbols.filter((s) => !SYMBOL_PATTERN.test(s));
  if (bad.length) {
    throw new AppError("unprocessable:universe_symbol_format", `Not a valid symbol: ${bad.slice(0, 5).join(", ")}.`, {
      details: { invalid: bad },
    });
  }
  if (new Set(symbols).size !== symbols.length) {
    throw new AppError("unprocessable:universe_duplicate", "Each symbol may appear only once in a universe.");
  }
  if (input.validate) {
    const { unknown } = await input.validate(symbols);
    if (unknown.length) {
      throw new AppError("unprocessable:universe_unknown_symbol", `The price provider does not know: ${unknown.slice(0, 10).join(", ")}.`, {
        details: { unknown },
      });
    }
  }

  return db.transaction(async (tx) => {
    // Two upserts of one day must not interleave.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`universe:${input.tradingDay}`}))`);
    const existing = await tx
      .select({ symbol: universeEntries.symbol, seq: universeEntries.seq })
      .from(universeEntries)
      .where(eq(universeEntries.tradingDay, input.tradingDay));
    const before = new Map(existing.map((r) => [r.symbol, r.seq]));
    const wanted = new Map(symbols.map((s, i) => [s, i + 1]));

    const removed = existing.filter((r) => !wanted.has(r.symbol)).map((r) => r.symbol);
    const added = symbols.filter((s) => !before.has(s));
    const moved = symbols.filter((s) => before.has(s) && before.get(s) !== wanted.get(s));

    if (removed.length) {
      await tx
        .delete(universeEntries)
        .where(and(eq(universeEntries.tradingDay, input.tradingDay), inArray(universeEntries.symbol, removed)));
    }
    for (const symbol of moved) {
      await tx
        .update(universeEntries)
        .set({ seq: wanted.get(symbol)!, updatedAt: sql`now()` })
        .where(and(eq(universeEntries.tradingDay, input.tradingDay), eq(universeEntries.symbol, symbol)));
    }
    if (added.length) {
      await tx
        .insert(instruments)
        .values(added.map((s) => ({ symbol: s, name: defaultNames.get(s) ?? s })))
        .onConflictDoNothing();
      await tx
        .insert(universeEntries)
        .values(added.map((s) => ({ tradingDay: input.tradingDay, symbol: s, seq: wanted.get(s)! })));
    }
    return { added: added.length, updated: moved.length, removed: removed.length, total: symbols.length };
  });
}

export type UniverseRow = { symbol: string; seq: number; name: string };

export async function getUniverse(db: Database, tradingDay: string): Promise<UniverseRow[]> {
  return db
    .select({ symbol: universeEntries.symbol, seq: universeEntries.seq, name: sql<string>`coalesce(${instruments.name}, ${universeEntries.symbol})` })
    .from(universeEntries)
    .leftJoin(instruments, eq(instruments.symbol, universeEntries.symbol))
    .where(eq(universeEntries.tradingDay, tradingDay))
    .orderBy(asc(universeEntries.seq));
}

export async function isInUniverse(db: Database, tradingDay: string, symbol: string): Promise<boolean> {
  const rows = await db
    .select({ symbol: universeEntries.symbol })
    .from(universeEntries)
    .where(and(eq(universeEntries.tradingDay, tradingDay), eq(universeEntries.symbol, symbol)))
    .limit(1);
  return rows.length > 0;
}
