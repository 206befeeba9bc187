import "server-only";
/** Read models of settlement: the admin's per-day, per-symbol summary and the player's last results. */
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { eodPrices, predictions, tradingSessions, universeEntries } from "@/db/schema";
import { lastSettleableTradingDayAt, type DayString } from "@/lib/calendar";
import type { SessionPhase } from "@/lib/sessions/status";
import type { VoidReason } from "./rules";

type Status = "PENDING" | "CORRECT" | "INCORRECT" | "VOID" | "CANCELLED";
export type StatusCounts = Record<Status, number>;

export type SymbolSummary = {
  symbol: string;
  inUniverse: boolean;
  close: string | null;
  closeSource: string | null;
  closeSetBy: string | null;
  corporateAction: string | null;
  counts: StatusCounts;
  voidReasons: Partial<Record<VoidReason, number>>;
  pointsPaid: number;
};

export type SettlementSummary = {
  tradingDay: DayString;
  phase: SessionPhase | null;
  settledAt: Date | null;
  counts: StatusCounts & { total: number };
  voidReasons: Partial<Record<VoidReason, number>>;
  pointsPaid: number;
  /** Settlement awards actually in the ledger for the day (equals pointsPaid when I7 holds). */
  ledgerPoints: number;
  symbols: SymbolSummary[];
};

const emptyCounts = (): StatusCounts => ({ PENDING: 0, CORRECT: 0, INCORRECT: 0, VOID: 0, CANCELLED: 0 });

export async function settlementSummary(
  db: Database,
  input: { tradingDay: DayString },
): Promise<SettlementSummary> {
  const { tradingDay } = input;
  const [session] = await db.select().from(tradingSessions).where(eq(tradingSessions.tradingDay, tradingDay));
  const groups = await db
    .select({
      symbol: predictions.symbol,
      status: predictions.status,
      voidReason: predictions.voidReason,
      n: sql<number>`count(*)::int`.mapWith(Number),
      points: sql<number>`coalesce(sum(${predictions.pointsAwarded}), 0)::int`.mapWith(Number),
    })
    .from(predictions)
    .where(eq(predictions.tradingDay, tradingDay))
    .groupBy(predictions.symbol, predictions.status, predictions.voidReason);
  const universe = await db
    .select({ symbol: universeEntries.symbol })
    .from(universeEntries)
    .where(eq(universeEntries.tradingDay, tradingDay))
    .orderBy(asc(universeEntries.seq));
  const closes = new Map(
    (await db.select().from(eodPrices).where(eq(eodPrices.tradingDay, tradingDay))).map((r) => [r.symbol, r]),
  );
  const [ledger] = rowsOf<{ points: number }>(
    await db.execute(sql`select coalesce(sum(l.amount), 0)::int as points from points_ledger l
      join predictions p on l.ref_id = 'settle:' || p.id::text where p.trading_day = ${tradingDay}`),
  );

  const bySymbol = new Map<string, SymbolSummary>();
  const entry = (symbol: string, inUniverse: boolean) => {
    let s = bySymbol.get(symbol);
    if (!s) {
      const c = closes.get(symbol);
      s = {
        symbol,
        inUniverse,
        close: c?.close ?? null,
        closeSource: c?.source ?? null,
        closeSetBy: c?.setBy ?? null,
        corporateAction: c?.corporateAction ?? null,
        counts: emptyCounts(),
        voidReasons: {},
        pointsPaid: 0,
      };
      bySymbol.set(symbol, s);
    }
    return s;
  };
  for (const u of universe) entry(u.symbol, true);
  const day: SettlementSummary = {
    tradingDay,
    phase: session?.phase ?? null,
    settledAt: session?.settledAt ?? null,
    counts: { ...emptyCounts(), total: 0 },
    voidReasons: {},
    pointsPaid: 0,
    ledgerPoints: Number(ledger?.points ?? 0),
    symbols: [],
  };
  for (const g of groups) {
    const s = entry(g.symbol, false);
    s.counts[g.status] += g.n;
    s.pointsPaid += g.points;
    day.counts[g.status] += g.n;
    day.counts.total += g.n;
    day.pointsPaid += g.points;
    if (g.voidReason) {
      const reason = g.voidReason as VoidReason;
      s.voidReasons[reason] = (s.voidReasons[reason] ?? 0) + g.n;
      day.voidReasons[reason] = (day.voidReasons[reason] ?? 0) + g.n;
    }
  }
  day.symbols = [...bySymbol.values()];
  return day;
}

export type SettledCall = {
  id: string;
  symbol: string;
  choice: "UP" | "DOWN";
  status: Status;
  snapshotPrice: string | null;
  closePrice: string | null;
  voidReason: string | null;
  pointsAwarded: number;
};

export type PlayerDayResults = {
  tradingDay: DayString;
  correct: number;
  incorrect: number;
  void: number;
  /** Calls of that day still waiting for a close. */
  pending: number;
  points: number;
  calls: SettledCall[];
};

/**
 * The player's most recent settled day (normally "yesterday"), for the board: counts, points,
 * and each call with its close, outcome and void reason. Null before their first settled call.
 */
export async function lastSettledSummaryForUser(
  db: Database,
  input: { userId: string; now: Date },
): Promise<PlayerDayResults | null> {
  const settled = inArray(predictions.status, ["CORRECT", "INCORRECT", "VOID"]);
  const [latest] = await db
    .select({ day: predictions.tradingDay })
    .from(predictions)
    .where(
      and(
        eq(predictions.userId, input.userId),
        settled,
        lte(predictions.tradingDay, lastSettleableTradingDayAt(input.now)),
      ),
    )
    .orderBy(desc(predictions.tradingDay))
    .limit(1);
  if (!latest) return null;
  const rows = await db
    .select()
    .from(predictions)
    .where(and(eq(predictions.userId, input.userId), eq(predictions.tradingDay, latest.day)))
    .orderBy(asc(predictions.symbol));
  const out: PlayerDayResults = {
    tradingDay: latest.day,
    correct: 0,
    incorrect: 0,
    void: 0,
    pending: 0,
    points: 0,
    calls: [],
  };
  for (const r of rows) {
    if (r.status === "CANCELLED") continue;
    if (r.status === "CORRECT") out.correct += 1;
    else if (r.status === "INCORRECT") out.incorrect += 1;
    else if (r.status === "VOID") out.void += 1;
    else out.pending += 1;
    out.points += r.pointsAwarded;
    out.calls.push({
      id: r.id,
      symbol: r.symbol,
      choice: r.choice,
      status: r.status,
      snapshotPrice: r.snapshotPrice,
      closePrice: r.closePrice,
      voidReason: r.voidReason,
      pointsAwarded: r.pointsAwarded,
    });
  }
  return out;
}
