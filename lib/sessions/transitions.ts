import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { tradingSessions, universeEntries } from "@/db/schema";
import { isTradingDay, nextTradingDay, sessionCutoffAt, sessionOpenAt } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { upsertUniverse } from "@/lib/universe/universe";
import { forgetStoredPhase, type SessionPhase } from "./status";

function assertTradingDay(day: string): void {
  if (!isTradingDay(day)) {
    const next = nextTradingDay(day);
    throw new AppError(
      "conflict:not_trading_day",
      `${day} is not a NYSE trading day; the next one is ${next}.`,
      { details: { nextTradingDay: next } },
    );
  }
}

/**
 * Open a trading day's session (idempotent). A day without a universe gets the default list
 * first, so a missed selection job never leaves players with an empty board.
 */
export async function openSession(
  db: Database,
  input: { tradingDay: string; now: Date },
): Promise<{ opened: boolean; phase: SessionPhase; universeSeeded: boolean }> {
  assertTradingDay(input.tradingDay);
  const [hasUniverse] = await db
    .select({ one: sql`1` })
    .from(universeEntries)
    .where(eq(universeEntries.tradingDay, input.tradingDay))
    .limit(1);
  if (!hasUniverse) await upsertUniverse(db, { tradingDay: input.tradingDay, now: input.now });
  const inserted = await db
    .insert(tradingSessions)
    .values({
      tradingDay: input.tradingDay,
      phase: "OPEN",
      opensAt: sessionOpenAt(input.tradingDay),
      closesAt: sessionCutoffAt(input.tradingDay),
      openedAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ phase: tradingSessions.phase });
  forgetStoredPhase(input.tradingDay);
  if (inserted.length) return { opened: true, phase: "OPEN", universeSeeded: !hasUniverse };
  const [row] = await db
    .select({ phase: tradingSessions.phase })
    .from(tradingSessions)
    .where(eq(tradingSessions.tradingDay, input.tradingDay));
  return { opened: false, phase: row!.phase, universeSeeded: !hasUniverse };
}

/** Move a session forward from one phase to the next; a repeat or a late call changes nothing. */
export async function advancePhase(
  db: Database,
  input: { tradingDay: string; from: SessionPhase; to: SessionPhase; now: Date },
): Promise<{ changed: boolean; phase: SessionPhase | null }> {
  const stamp =
    input.to === "CLOSED"
      ? { closedAt: input.now }
      : input.to === "SETTLING"
        ? { settlingAt: input.now }
        : input.to === "SETTLED"
          ? { settledAt: input.now }
          : {};
  const [row] = await db
    .update(tradingSessions)
    .set({ phase: input.to, updatedAt: input.now, ...stamp })
    .where(and(eq(tradingSessions.tradingDay, input.tradingDay), eq(tradingSessions.phase, input.from)))
    .returning({ phase: tradingSessions.phase });
  forgetStoredPhase(input.tradingDay);
  if (row) return { changed: true, phase: row.phase };
  const [current] = await db
    .select({ phase: tradingSessions.phase })
    .from(tradingSessions)
    .where(eq(tradingSessions.tradingDay, input.tradingDay));
  return { changed: false, phase: current?.phase ?? null };
}

/**
 * Close a session at (or after) the cutoff. A day whose open never ran is recorded as
 * closed directly, so settlement can still find it.
 */
export async function closeSession(
  db: Database,
  input: { tradingDay: string; now: Date },
): Promise<{ changed: boolean; phase: SessionPhase }> {
  assertTradingDay(input.tradingDay);
  const inserted = await db
    .insert(tradingSessions)
    .values({
      tradingDay: input.tradingDay,
      phase: "CLOSED",
      opensAt: sessionOpenAt(input.tradingDay),
      closesAt: sessionCutoffAt(input.tradingDay),
      openedAt: input.now,
      closedAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ phase: tradingSessions.phase });
  forgetStoredPhase(input.tradingDay);
  if (inserted.length) return { changed: true, phase: "CLOSED" };
  const r = await advancePhase(db, {
    tradingDay: input.tradingDay,
    from: "OPEN",
    to: "CLOSED",
    now: input.now,
  });
  return { changed: r.changed, phase: r.phase ?? "CLOSED" };
}
