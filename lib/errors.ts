import { isDatabaseUnavailable } from "@/db/errors";

/**
 * The one error type. A code is `<type>:<subject>` (for example `conflict:no_slot`); the
 * type decides the HTTP status, the subject tells clients and tests exactly what happened.
 * `message` is written for a person and is safe to show; `cause` never leaves the server.
 */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorType = keyof typeof errorStatus;
export type ErrorCode = `${ErrorType}:${string}`;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { details?: Record<string, unknown>; fieldErrors?: Record<string, string[]>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.status = errorStatus[code.split(":")[0] as ErrorType] ?? 500;
    this.details = opts.details;
    this.fieldErrors = opts.fieldErrors;
  }

  get type(): ErrorType {
    return this.code.split(":")[0] as ErrorType;
  }

  /** What a client may see. */
  toJSON() {
    return {
      ok: false as const,
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}),
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Seconds a client is told to wait when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The one mapping from a thrown value to what a client sees: an AppError as it is; a database
 * that is down, unreachable or stalled → 503 `unavailable:database` (retryable, with a
 * Retry-After); anything else a generic 500. Neither reveals the driver's text.
 */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (isDatabaseUnavailable(e)) {
    return new AppError(
      "unavailable:database",
      "The service is briefly unavailable. Please try again in a moment.",
      {
        details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
        cause: e,
      },
    );
  }
  return new AppError("internal:unexpected", "Something went wrong on our side. Please try again.", {
    cause: e,
  });
}
