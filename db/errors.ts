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

/**
 * The database is down, unreachable or stalled — as opposed to a statement the database
 * refused. Read the same way whichever driver raised it: drizzle wraps the driver error
 * (postgres.js `PostgresError` or a connection error, a Node socket error) in its own query
 * error, so the code sits somewhere down the `cause` chain. Pure: no driver is imported.
 */

/** postgres.js connection errors and Node socket errors. */
const CONNECTION_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "DATABASE_UNREACHABLE",
  "ERR_SOCKET_CLOSED",
  "ERR_STREAM_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs that mean "try again later", not "your statement is wrong": 57014 (a statement
 * timeout), 57P01–57P03 (shutdown, cannot connect now), 53300 (too many connections), 25P03
 * (idle-in-transaction timeout) and class 08 (connection exceptions).
 */
const UNAVAILABLE_SQLSTATES = new Set(["57014", "57P01", "57P02", "57P03", "53300", "25P03"]);

export function isDatabaseUnavailable(e: unknown): boolean {
  let err: unknown = e;
  for (let depth = 0; err && typeof err === "object" && depth < 8; depth++) {
    const code = (err as { code?: unknown }).code;
    if (
      typeof code === "string" &&
      (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
    ) {
      return true;
    }
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}
