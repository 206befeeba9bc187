// The one list of ledger reasons: db/schema/points.ts builds the `ledger_reason` enum from it, and
// this file has no runtime imports, so client code can import it without drizzle.
export const LEDGER_REASONS = [
  "SIGNUP_BONUS",
  "PREDICTION_CORRECT",
  "REDEMPTION",
  "REDEMPTION_REFUND",
  "ADMIN_ADJUST",
  "STREAK_BONUS",
] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];

export const SIGNUP_BONUS_POINTS = 1000;

/** Largest single entry: far above any real award or cost, far below the int4 balance limit. */
export const MAX_ENTRY_POINTS = 100_000_000;
/** Largest manual correction an admin may post in one go. */
export const MAX_ADMIN_ADJUST_POINTS = 1_000_000;

/**
 * Idempotency keys of the ledger: one entry per key, ever (I2). Every writer builds its
 * key here so the integrity checks and the writers agree on the spelling.
 */
export const refIds = {
  signup: (userId: string) => `signup:${userId}`,
  settle: (predictionId: string) => `settle:${predictionId}`,
  redeem: (redemptionId: string) => `redeem:${redemptionId}`,
  refund: (redemptionId: string) => `refund:${redemptionId}`,
  adjust: (adjustmentId: string) => `adjust:${adjustmentId}`,
  streak: (userId: string, milestone: number) => `streak:${userId}:${milestone}`,
} as const;
