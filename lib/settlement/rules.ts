/**
 * Settlement rules (SPEC §5) in one place. The database applies them set-based
 * (settle-batch.ts); `outcomeOf` states the same rules in TypeScript for readers and for
 * tests that cross-check the SQL against it.
 */
import { marketCloseAt, type DayString } from "@/lib/calendar";

export const POINTS_PER_CORRECT = 50;
/** Predictions settled per transaction: bounded, so a day of 1M calls never sits in one. */
export const DEFAULT_BATCH_SIZE = 5_000;
/** A symbol without a close this long after the market close is VOID `no_close`. */
export const NO_CLOSE_GRACE_MS = 24 * 3_600_000;

export const VOID_REASONS = [
  "no_snapshot",
  "bad_snapshot",
  "no_close",
  "bad_close",
  "corporate_action",
  "flat",
  // Not decided by settlement: an admin removed the symbol from the day's universe (lib/predictions/void-removed.ts).
  "removed_from_universe",
] as const;
export type VoidReason = (typeof VOID_REASONS)[number];
export type SettledStatus = "CORRECT" | "INCORRECT" | "VOID";

/** The instant after which a still-missing close voids the symbol's calls (`no_close`). */
export function noCloseDeadlineAt(day: DayString): Date {
  return new Date(marketCloseAt(day).getTime() + NO_CLOSE_GRACE_MS);
}

/**
 * Prices are compared at cent precision: both sides rounded half away from zero to 2
 * decimals, like PostgreSQL's `round(numeric, 2)` on the stored numeric(18,6). Done on the
 * 6-decimal text so 1.005 is 101 cents, as in the database (binary floats would say 100).
 */
export function toCents(price: number): number {
  const [int = "0", frac = ""] = Math.abs(price).toFixed(6).split(".");
  const cents = Number(int) * 100 + Number(frac.slice(0, 2)) + (Number(frac[2] ?? "0") >= 5 ? 1 : 0);
  return price < 0 ? -cents : cents;
}

function usable(price: number | null | undefined): price is number {
  return typeof price === "number" && Number.isFinite(price) && toCents(price) > 0;
}

export type OutcomeInput = {
  choice: "UP" | "DOWN";
  snapshotPrice: number | null;
  snapshotAt: Date | null;
  /** undefined: no close stored for the symbol; null/NaN: a stored but unusable close. */
  close: number | null | undefined;
  corporateAction: string | null;
  marketOpenAt: Date;
};

/**
 * The outcome of one call, in the order the reasons are checked: a call without a usable
 * snapshot is void whatever the close; then the close must exist and be usable; a corporate
 * action voids calls made before that day's open; equal to the cent is `flat`.
 */
export function outcomeOf(p: OutcomeInput): {
  status: SettledStatus;
  voidReason: VoidReason | null;
  points: number;
} {
  const v = (voidReason: VoidReason) => ({ status: "VOID" as const, voidReason, points: 0 });
  if (p.snapshotPrice === null) return v("no_snapshot");
  if (!usable(p.snapshotPrice)) return v("bad_snapshot");
  if (p.close === undefined) return v("no_close");
  if (!usable(p.close)) return v("bad_close");
  if (p.corporateAction && (!p.snapshotAt || p.snapshotAt < p.marketOpenAt)) return v("corporate_action");
  const close = toCents(p.close);
  const snap = toCents(p.snapshotPrice);
  if (close === snap) return v("flat");
  const correct = p.choice === "UP" ? close > snap : close < snap;
  return correct
    ? { status: "CORRECT", voidReason: null, points: POINTS_PER_CORRECT }
    : { status: "INCORRECT", voidReason: null, points: 0 };
}
