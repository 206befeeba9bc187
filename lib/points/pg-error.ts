/**
 * PostgreSQL error codes, read the same way whichever driver raised them. drizzle wraps a
 * driver error (postgres.js `PostgresError`, PGlite `DatabaseError`) in its own query error,
 * so the SQLSTATE sits somewhere down the `cause` chain.
 */
export const PG = {
  uniqueViolation: "23505",
  foreignKeyViolation: "23503",
  checkViolation: "23514",
  numericOutOfRange: "22003",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
} as const;

const SQLSTATE = /^[0-9A-Z]{5}$/;

export function pgErrorCode(e: unknown): string | undefined {
  let err: unknown = e;
  for (let depth = 0; err && typeof err === "object" && depth < 8; depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && SQLSTATE.test(code)) return code;
    err = (err as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The constraint a failed statement tripped, when the driver reports it. */
export function pgConstraint(e: unknown): string | undefined {
  let err: unknown = e;
  for (let depth = 0; err && typeof err === "object" && depth < 8; depth++) {
    const c = err as { constraint?: unknown; constraint_name?: unknown };
    const name = c.constraint ?? c.constraint_name;
    if (typeof name === "string" && name) return name;
    err = (err as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A statement that lost a race to another transaction and may simply be run again. */
export function isRetryableConflict(e: unknown): boolean {
  const code = pgErrorCode(e);
  return code === PG.deadlockDetected || code === PG.serializationFailure;
}
