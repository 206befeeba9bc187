import "server-only";
/**
 * The part of the board that is one player's own: their calls of the board day with the
 * crowd split of each called symbol, and their results of the trading day before — in one
 * statement. (Slots are read by lib/slots, which owns their lazy refill.)
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { Database } from "@/db/client";
import { isoKst } from "@/lib/time-format";
import type { Crowd, LastResults, MyCall } from "./types";

type CallRow = {
  id: string;
  symbol: string;
  choice: MyCall["choice"];
  status: MyCall["status"];
  snapshot_price: string | number | null;
  snapshot_at: string | null;
  close_price: string | number | null;
  void_reason: string | null;
  points_awarded: number;
  up: number;
  down: number;
};

type LastRow = {
  total: number;
  correct: number;
  incorrect: number;
  void: number;
  pending: number;
  points: number;
};

/** json columns: parsed by both drivers, but PGlite may hand back the text. */
const parsed = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

export type PersonalBoard = {
  calls: Map<string, { call: MyCall; crowd: Crowd | null }>;
  lastResults: LastResults | null;
};

const num = (v: string | number | null) => (v === null ? null : Number(v));
/** json renders timestamptz with the session's offset: the board's times are KST ISO, like myCallJson's. */
const iso = (v: string | null) => (v === null ? null : isoKst(new Date(v)));

/** The crowd split of other players' calls, or null below `min` of them. */
export function crowdOf(up: number, down: number, min: number): Crowd | null {
  const others = up + down;
  if (others < min) return null;
  const upPct = Math.round((up / others) * 100);
  return { others, up, down, upPct, downPct: 100 - upPct };
}

export async function personalBoard(
  db: Database,
  input: { userId: string; boardDay: string; previousDay: string; crowdMin: number },
): Promise<PersonalBoard> {
  const { userId, boardDay, previousDay } = input;
  // Crowd counts go through predictions_day_symbol_idx for the few symbols this player called.
  const [row] = rowsOf<{ calls: unknown; last: unknown }>(
    await db.execute(sql`
      select
        (select coalesce(json_agg(x), '[]'::json) from (
           select p.id, p.symbol, p.choice, p.status, p.snapshot_price, p.snapshot_at, p.close_price,
                  p.void_reason, p.points_awarded, c.up, c.down
           from predictions p
           cross join lateral (
             select (count(*) filter (where o.choice = 'UP'))::int as up,
                    (count(*) filter (where o.choice = 'DOWN'))::int as down
             from predictions o
             where o.trading_day = p.trading_day and o.symbol = p.symbol
               and o.user_id <> p.user_id and o.status <> 'CANCELLED'
           ) c
           where p.user_id = ${userId} and p.trading_day = ${boardDay} and p.status <> 'CANCELLED'
         ) x) as calls,
        (select row_to_json(l) from (
           select count(*)::int as total,
                  (count(*) filter (where status = 'CORRECT'))::int as correct,
                  (count(*) filter (where status = 'INCORRECT'))::int as incorrect,
                  (count(*) filter (where status = 'VOID'))::int as void,
                  (count(*) filter (where status = 'PENDING'))::int as pending,
                  coalesce(sum(points_awarded), 0)::int as points
           from predictions
           where user_id = ${userId} and trading_day = ${previousDay} and status <> 'CANCELLED'
         ) l) as last
    `),
  );
  const out: PersonalBoard = { calls: new Map(), lastResults: null };
  for (const r of parsed<CallRow[]>(row?.calls ?? [])) {
    out.calls.set(r.symbol, {
      call: {
        id: r.id,
        choice: r.choice,
        status: r.status,
        snapshotPrice: num(r.snapshot_price),
        snapshotAt: iso(r.snapshot_at),
        closePrice: num(r.close_price),
        voidReason: r.void_reason,
        pointsAwarded: Number(r.points_awarded),
      },
      crowd: crowdOf(Number(r.up), Number(r.down), input.crowdMin),
    });
  }
  const last = row?.last ? parsed<LastRow>(row.last) : null;
  if (last && last.total > 0) {
    const { total: _total, ...counts } = last;
    out.lastResults = { tradingDay: previousDay, ...counts };
  }
  return out;
}
