import "server-only";
/**
 * The part of the board that is the same for every player — universe, names, quotes, the
 * intraday lines — built once per process and refresh interval and served from memory. It
 * reads only our own tables (the quotes and points the price-refresh job stores): a page view
 * never asks the price provider for anything. Several instances each keep their own copy,
 * built from the same rows, so they agree within `SHARED_TTL_MS`.
 */
import type { Database } from "@/db/client";
import type { SymbolQuote } from "@/lib/board/types";
import { isTradingDay, marketOpenAt, settlementDueAt } from "@/lib/calendar";
import { keptOrBuilt, type Kept } from "@/lib/kept";
import { processSingleton } from "@/lib/process-singleton";
import { changePercent } from "@/lib/prices/price-values";
import { readCachedQuotes } from "@/lib/prices/quote-store";
import { newYorkDayOf } from "@/lib/prices/sessions";
import { readTicks, type Tick } from "@/lib/prices/tick-store";
import type { PriceProvider } from "@/lib/prices/types";
import { isoKst } from "@/lib/time-format";
import { DEFAULT_UNIVERSE } from "@/lib/universe/default-list";
import { DEFAULT_NAMES } from "@/lib/universe/default-names";
import { getUniverse } from "@/lib/universe/universe";

/** The price-refresh job runs every 5 minutes (30 s quotes at most): 10 s old is fresh enough. */
export const SHARED_TTL_MS = 10_000;
/** Points per line: enough for a 100 px sparkline, small enough for a compact payload. */
const MAX_POINTS = 48;

export type SharedSymbol = SymbolQuote & { nameEn: string; nameKo: string };

export type SharedBoard = {
  boardDay: string;
  settlesAt: string;
  simulated: boolean;
  priceSource: string;
  symbols: SharedSymbol[];
};

const kept = () => processSingleton("board-shared", () => new Map<string, Kept<SharedBoard>>());

/** The shared board of `boardDay` at `now`: from memory when built less than SHARED_TTL_MS ago. */
export function sharedBoard(
  db: Database,
  input: { boardDay: string; useDefaultList: boolean; now: Date; provider: PriceProvider },
): Promise<SharedBoard> {
  const key = `${input.provider.id}:${input.boardDay}:${input.useDefaultList}`;
  return keptOrBuilt(kept(), key, { now: input.now.getTime(), ttlMs: SHARED_TTL_MS, max: 16 }, () =>
    buildShared(db, input),
  );
}

/** Forget every shared board (an admin's universe change in this process; tests). */
export function forgetSharedBoards(): void {
  kept().clear();
}

async function buildShared(
  db: Database,
  input: { boardDay: string; useDefaultList: boolean; now: Date; provider: PriceProvider },
): Promise<SharedBoard> {
  const { boardDay, now, provider } = input;
  let universe = await getUniverse(db, boardDay);
  if (universe.length === 0 && input.useDefaultList)
    universe = DEFAULT_UNIVERSE.map(([symbol, name], i) => ({ symbol, name, seq: i + 1 }));
  const symbols = universe.map((u) => u.symbol);
  const stored = await readCachedQuotes(db, symbols);
  // Each line covers the regular session its latest quote belongs to.
  const openOf = new Map<string, number>();
  for (const [symbol, entry] of stored) {
    if (entry.quote.source !== provider.id) continue;
    const day = newYorkDayOf(entry.quote.asOf);
    if (isTradingDay(day)) openOf.set(symbol, marketOpenAt(day).getTime());
  }
  const from = Math.min(...openOf.values(), now.getTime());
  const ticks = openOf.size
    ? await readTicks(db, { symbols: [...openOf.keys()], from: new Date(from), to: now })
    : new Map<string, Tick[]>();

  return {
    boardDay,
    settlesAt: isoKst(settlementDueAt(boardDay)),
    simulated: provider.simulated,
    priceSource: provider.label,
    symbols: universe.map((u) => {
      const entry = stored.get(u.symbol);
      const q = entry && entry.quote.source === provider.id ? entry : null;
      const known = DEFAULT_NAMES.get(u.symbol);
      const open = openOf.get(u.symbol);
      const asOf = q?.quote.asOf.getTime() ?? 0;
      const line = (ticks.get(u.symbol) ?? []).filter(
        (p) => open !== undefined && p.at >= open && p.at <= asOf,
      );
      const price = q?.quote.price ?? null;
      return {
        symbol: u.symbol,
        nameEn: u.name,
        nameKo: known?.ko ?? u.name,
        sector: known?.sector ?? "other",
        price,
        previousClose: q?.quote.previousClose ?? null,
        changePct: q ? changePercent(q.quote.price, q.quote.previousClose) : null,
        asOf: q ? isoKst(q.quote.asOf) : null,
        stale: q ? now.getTime() >= q.expiresAt.getTime() : false,
        series: price === null ? [] : downsample([...line.map((p) => p.price), price]),
      };
    }),
  };
}

/** At most MAX_POINTS evenly spaced points, the first and the last always kept. */
export function downsample(points: number[]): number[] {
  if (points.length <= MAX_POINTS) return points;
  const step = (points.length - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => points[Math.round(i * step)]!);
}
