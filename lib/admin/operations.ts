import "server-only";
/**
 * The admin console's write operations that the domain does not audit itself: each calls one
 * domain function and records the audit row in the same transaction as the change. Work that
 * spans many transactions or calls the price provider (collecting a day's closes, the
 * integrity checks) is recorded once it is done. (adminAdjust, setRole and
 * settleSymbolManually audit on their own; settling a day, a backfill and job re-runs run in
 * the background as job runs, lib/admin/jobs.ts.)
 */
import type { Database } from "@/db/client";
import { gameDayAt, parseTradingDay, tradingDayAt, nextTradingDay, type DayString } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { runIntegrityChecks, type IntegrityProblem } from "@/lib/integrity/checks";
import { recordAudit } from "@/lib/ops/audit";
import {
  changePercent,
  collectEod,
  getQuotes,
  setManualClose,
  type PriceProvider,
  type QuoteView,
} from "@/lib/prices";
import { closeSession, openSession } from "@/lib/sessions/transitions";
import { getUniverse } from "@/lib/universe";

/** A date string inside the trading calendar (2024–2030), trading day or not, or a 400/422 saying which. */
export function calendarDay(day: string, field = "tradingDay"): DayString {
  return parseTradingDay(day, { field, anyDay: true });
}

type Actor = { actorId: string; now: Date };

export async function adminOpenSession(db: Database, input: Actor & { tradingDay: string }) {
  const tradingDay = calendarDay(input.tradingDay);
  const result = await db.transaction(async (tx) => {
    const opened = await openSession(tx, { tradingDay, now: input.now });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "session.open",
      target: tradingDay,
      details: opened,
      now: input.now,
    });
    return opened;
  });
  return { tradingDay, ...result };
}

export async function adminCloseSession(db: Database, input: Actor & { tradingDay: string }) {
  const tradingDay = calendarDay(input.tradingDay);
  const result = await db.transaction(async (tx) => {
    const closed = await closeSession(tx, { tradingDay, now: input.now });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "session.close",
      target: tradingDay,
      details: closed,
      now: input.now,
    });
    return closed;
  });
  return { tradingDay, ...result };
}

/** Collect a day's closes for its universe; a day without a universe is refused with what to do first. */
export async function adminCollectEod(
  db: Database,
  provider: PriceProvider,
  input: Actor & { tradingDay: string },
) {
  const tradingDay = calendarDay(input.tradingDay);
  const symbols = (await getUniverse(db, tradingDay)).map((u) => u.symbol);
  if (symbols.length === 0) {
    throw new AppError(
      "conflict:universe_missing",
      `${tradingDay} has no universe. Upsert the universe for that day first (admin → universe), then collect its closes.`,
      {
        details: { tradingDay, runFirst: "select-universe" },
      },
    );
  }
  const r = await collectEod(db, provider, { tradingDay, symbols, now: input.now });
  const summary = {
    tradingDay,
    stored: r.stored.length,
    alreadyStored: r.alreadyStored.length,
    pending: r.pending.length,
  };
  await recordAudit(db, {
    actorId: input.actorId,
    action: "prices.collect_eod",
    target: tradingDay,
    details: { ...summary, provider: provider.id },
    now: input.now,
  });
  return { ...summary, pendingSymbols: r.pending };
}

export async function adminSetManualClose(
  db: Database,
  input: Actor & { tradingDay: string; symbol: string; close: number | string; replace?: boolean },
) {
  const tradingDay = calendarDay(input.tradingDay);
  const r = await db.transaction(async (tx) => {
    const set = await setManualClose(tx, {
      tradingDay,
      symbol: input.symbol,
      close: input.close,
      setBy: input.actorId,
      now: input.now,
      replace: input.replace,
    });
    const details = {
      close: set.stored.close,
      previous: set.previous ? { close: set.previous.close, source: set.previous.source } : null,
    };
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "prices.manual_close",
      target: `${tradingDay}:${set.stored.symbol}`,
      details,
      now: input.now,
    });
    return set;
  });
  return {
    tradingDay,
    symbol: r.stored.symbol,
    close: r.stored.close,
    source: r.stored.source,
    replaced: r.previous !== null,
  };
}

export async function adminRunIntegrity(
  db: Database,
  input: Actor,
): Promise<{ ok: boolean; problems: IntegrityProblem[] }> {
  const problems = await runIntegrityChecks(db);
  await recordAudit(db, {
    actorId: input.actorId,
    action: "integrity.run",
    details: { problems: problems.length, checks: [...new Set(problems.map((p) => p.check))] },
    now: input.now,
  });
  return { ok: problems.length === 0, problems };
}

export type QuoteRow = {
  symbol: string;
  price: number | null;
  previousClose: number | null;
  changePct: number | null;
  asOf: Date | null;
  source: string | null;
  marketState: string | null;
  stale: boolean;
  reason: string | null;
};

/** Current quotes of the universe players see now (today's trading day, else the next one). */
export async function universeQuotes(
  db: Database,
  provider: PriceProvider,
  now: Date,
): Promise<{ tradingDay: DayString; rows: QuoteRow[] }> {
  const tradingDay = tradingDayAt(now) ?? nextTradingDay(gameDayAt(now));
  const symbols = (await getUniverse(db, tradingDay)).map((u) => u.symbol);
  const quotes: Map<string, QuoteView> = symbols.length
    ? await getQuotes(db, provider, symbols, now)
    : new Map();
  const rows = symbols.map((symbol): QuoteRow => {
    const q = quotes.get(symbol);
    if (!q || q.status !== "ok")
      return {
        symbol,
        price: null,
        previousClose: null,
        changePct: null,
        asOf: null,
        source: null,
        marketState: null,
        stale: true,
        reason: q?.reason ?? "no_data",
      };
    return {
      symbol,
      price: q.price,
      previousClose: q.previousClose,
      changePct: changePercent(q.price, q.previousClose),
      asOf: q.asOf,
      source: q.source,
      marketState: q.marketState,
      stale: q.stale,
      reason: q.staleReason ?? null,
    };
  });
  return { tradingDay, rows };
}
