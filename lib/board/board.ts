import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { predictions } from "@/db/schema";
import { crowdSplit } from "@/lib/predictions/queries";
import { getQuotes } from "@/lib/prices/quote-cache";
import type { PriceProvider } from "@/lib/prices/types";
import { getSessionStatus, sessionStatusJson } from "@/lib/sessions/status";
import { lastSettledSummaryForUser } from "@/lib/settlement/summary";
import { getSlotView } from "@/lib/slots/slots";
import { isoKst } from "@/lib/time-format";
import { getUniverse } from "@/lib/universe/universe";
import { DEFAULT_UNIVERSE } from "@/lib/universe/default-list";
import { sparkline } from "./series-cache";
import type { Board } from "./types";

export type { Board, BoardSymbol, MyCall, SlotsJson } from "./types";

const num = (v: string | null) => (v === null ? null : Number(v));

/** Everything the board shows, in one read: universe, quotes, sparklines, my calls, crowd, slots. */
export async function loadBoard(db: Database, input: { userId: string | null; now: Date; provider: PriceProvider }): Promise<Board> {
  const { now, provider } = input;
  const status = await getSessionStatus(db, now);
  const boardDay = status.tradingDay ?? status.nextTradingDay;
  let universe = await getUniverse(db, boardDay);
  if (universe.length === 0 && !status.tradingDay) {
    universe = DEFAULT_UNIVERSE.map(([symbol, name], i) => ({ symbol, name, seq: i + 1 }));
  }
  const symbols = universe.map((u) => u.symbol);
  const [quotes, mine, series] = await Promise.all([
    getQuotes(db, provider, symbols, now),
    input.userId
      ? db.select().from(predictions).where(and(eq(predictions.userId, input.userId), eq(predictions.tradingDay, boardDay)))
      : Promise.resolve([]),
    Promise.all(symbols.map((s) => sparkline(provider, s, "1d", now))),
  ]);
  const myBySymbol = new Map(mine.filter((p) => p.status !== "CANCELLED").map((p) => [p.symbol, p]));
  // The crowd split is shown only for symbols the player has called.
  const crowd = await crowdSplit(db, { tradingDay: boardDay, symbols: [...myBySymbol.keys()] });
  const slots = input.userId && status.tradingDay ? await getSlotView(db, { userId: input.userId, tradingDay: status.tradingDay, now }) : null;
  const last = input.userId ? await lastSettledSummaryForUser(db, { userId: input.userId, now }) : null;

  return {
    session: sessionStatusJson(status),
    boardDay,
    interactive: status.acceptingPredictions,
    simulated: provider.simulated,
    priceSource: provider.label,
    slots: slots && { ...slots, nextRefillAt: slots.nextRefillAt ? isoKst(slots.nextRefillAt) : null },
    lastResults: last && {
      tradingDay: last.tradingDay,
      correct: last.correct,
      incorrect: last.incorrect,
      void: last.void,
      pending: last.pending,
      points: last.points,
    },
    symbols: universe.map((u, i) => {
      const q = quotes.get(u.symbol);
      const ok = q?.status === "ok" ? q : null;
      const p = myBySymbol.get(u.symbol);
      return {
        symbol: u.symbol,
        name: u.name,
        price: ok?.price ?? null,
        previousClose: ok?.previousClose ?? null,
        changePct: ok && ok.previousClose ? Math.round(((ok.price - ok.previousClose) / ok.previousClose) * 10_000) / 100 : null,
        asOf: ok ? isoKst(ok.asOf) : null,
        stale: ok?.stale ?? false,
        series: series[i] ?? [],
        myCall: p
          ? {
              id: p.id,
              choice: p.choice,
              status: p.status,
              snapshotPrice: num(p.snapshotPrice),
              snapshotAt: p.snapshotAt ? isoKst(p.snapshotAt) : null,
              closePrice: num(p.closePrice),
              voidReason: p.voidReason,
              pointsAwarded: p.pointsAwarded,
            }
          : null,
        crowd: crowd.get(u.symbol) ?? null,
      };
    }),
  };
}
