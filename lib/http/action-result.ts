import type { ErrorCode } from "@/lib/errors";

/** What every server action returns: never a thrown error, never SQL or a stack. Client-safe. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> };
