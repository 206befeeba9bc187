import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Tx } from "@/db/client";
import { users } from "@/db/schema";
import { AppError, type ErrorCode } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/points/schemas";

/**
 * Re-read the actor's role inside the write, so a demoted admin is refused at once even
 * with a stale session (the same rule as points adjustments and role changes).
 */
export async function assertAdmin(tx: Database | Tx, actorId: string): Promise<void> {
  const [actor] = UUID.test(actorId) ? await tx.select({ role: users.role }).from(users).where(eq(users.id, actorId)).limit(1) : [];
  if (actor?.role !== "admin") throw new AppError("forbidden:admin_only", "Only an admin can do this.");
}

/** Parse a domain input; a failure is a 422 with field errors for the form. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, code: ErrorCode, message: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError(code, message, { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
