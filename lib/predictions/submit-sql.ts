/**
 * The two statements of a submitted call (lib/predictions/predictions.ts `submitPrediction`),
 * hand-written so each step that used to be its own round trip rides on one statement:
 * data-modifying CTEs whose every result is returned and checked by the caller.
 */
import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/client";
import { modelOf } from "@/db/rows";
import { predictions, type Prediction } from "@/db/schema";
import {
  rateLimitCheck,
  rateLimitDecision,
  type RateLimitDecision,
  type RateLimitRule,
  type RateLimitRow,
} from "@/lib/ratelimit/rate-limit";
import type { SessionPhase } from "@/lib/sessions/status";
import type { SlotState } from "@/lib/slots/rules";
import { lockSlotsStatement, slotStateOf, writeSlotsStatement } from "@/lib/slots/slots";
import { liveCallsOn } from "./live-calls";
import type { Choice } from "./schemas";

type Key = { userId: string; tradingDay: string; symbol: string };

export type CallCheck = {
  rateLimit: RateLimitDecision | null;
  slots: SlotState;
  phase: SessionPhase | null;
  inUniverse: boolean;
  existingId: string | null;
  /** The player is suspended (or deleted): no call, and nothing written. */
  barred: boolean;
};

/**
 * Statement 1: the rate-limit check (GCRA, lib/ratelimit), the slot row locked — `ON CONFLICT
 * DO UPDATE` creates it on first use and, like `SELECT … FOR UPDATE`, locks it and returns its
 * latest committed version — and, read under that lock, the day's stored phase, whether the
 * symbol is in its universe, the player's live call on it and whether they are suspended.
 */
export async function lockForCall(
  tx: Tx,
  input: Key & { limit?: { rule: RateLimitRule; subject: string; now: Date } },
): Promise<CallCheck> {
  const rl = input.limit
    ? sql`${rateLimitCheck(input.limit)}`
    : sql`select null::timestamptz as tat, true as allowed`;
  const [row] = rowsOf<Record<string, unknown> & RateLimitRow & { phase: SessionPhase | null }>(
    await tx.execute(sql`
      with rl as (${rl}),
      s as (${lockSlotsStatement(input)})
      select s.*, (select tat from rl) as tat, (select allowed from rl) as allowed,
        (select phase from trading_sessions where trading_day = ${input.tradingDay}) as phase,
        exists (select 1 from universe_entries
                where trading_day = ${input.tradingDay} and symbol = ${input.symbol}) as in_universe,
        (select id from predictions
          where user_id = ${input.userId} and trading_day = ${input.tradingDay} and symbol = ${input.symbol}
            and status <> 'CANCELLED') as existing_id,
        (select suspended_at is not null or deleted_at is not null from users where id = ${input.userId}) as barred
      from s`),
  );
  return {
    rateLimit: input.limit ? rateLimitDecision(row!, input.limit) : null,
    slots: slotStateOf(row!),
    phase: row!.phase ?? null,
    inUniverse: row!.in_universe === true,
    existingId: (row!.existing_id as string | null) ?? null,
    barred: row!.barred === true,
  };
}

/**
 * Statement 2: the call inserted — or a cancelled one on the same symbol made PENDING again —
 * and the slot row written only if the call was (`exists (select 1 from p)`). Null when the
 * player already has a live call on the symbol (a concurrent submit won): nothing was written.
 */
export async function writeCall(
  tx: Tx,
  input: Key & {
    choice: Choice;
    snap: { snapshotPrice: string | null; snapshotAt: Date | null; snapshotSource: string | null };
    now: Date;
    slots: SlotState;
  },
): Promise<Prediction | null> {
  const now = input.now.toISOString();
  const snapAt = input.snap.snapshotAt?.toISOString() ?? null;
  const [row] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      with p as (
        insert into predictions (user_id, trading_day, symbol, choice, status, snapshot_price, snapshot_at,
                                 snapshot_source, created_at, updated_at, cancelled_at)
        values (${input.userId}, ${input.tradingDay}, ${input.symbol}, ${input.choice}, 'PENDING',
                ${input.snap.snapshotPrice}::numeric, ${snapAt}::timestamptz, ${input.snap.snapshotSource},
                ${now}::timestamptz, ${now}::timestamptz, null)
        on conflict (user_id, trading_day, symbol) do update set
          choice = excluded.choice, status = 'PENDING', snapshot_price = excluded.snapshot_price,
          snapshot_at = excluded.snapshot_at, snapshot_source = excluded.snapshot_source,
          updated_at = excluded.updated_at, cancelled_at = null
        where predictions.status = 'CANCELLED'
        returning *
      ),
      w as (${writeSlotsStatement(input, input.slots, input.now, sql`exists (select 1 from p)`)})
      select * from p`),
  );
  return row ? modelOf(predictions, row) : null;
}

/** The player's live (not cancelled) call on the symbol, read now (a refusal path only). */
export async function liveCallId(tx: Tx, key: Key): Promise<string | null> {
  const [row] = await tx
    .select({ id: predictions.id })
    .from(predictions)
    .where(and(eq(predictions.userId, key.userId), liveCallsOn(key)));
  return row?.id ?? null;
}
