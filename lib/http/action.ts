import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z, ZodType } from "zod";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { User } from "@/db/schema";
import { requireAdmin, requireUser } from "@/lib/auth/guards";
import type { SecondFactorLevel } from "@/lib/auth/second-factor";
import { appClock } from "@/lib/clock";
import { toAppError } from "@/lib/errors";
import { localizedError } from "@/lib/i18n/server-errors";
import { resolveLocale } from "@/lib/i18n/request";
import { log } from "@/lib/log";
import { recordError } from "@/lib/ops/error-log";
import { enforceRequestLimit } from "@/lib/ratelimit/subject";
import { parseOrThrow } from "@/lib/validation";
import { assertSameOriginHeader } from "./route";

import type { ActionResult } from "./action-result";

export type { ActionResult };

export type ActionContext = { db: Database; now: Date };
export type UserActionContext = ActionContext & { user: User };

/**
 * A server action as the client sees it: its schema's input in (a form is accepted too), a result
 * out. Client components import the action itself, so both types come from the schema and the
 * handler. Declared as a method so an action still fits a prop typed with a looser input
 * (`ServerAction<T>`, a form action); a direct call is checked against the schema's input.
 */
export type ServerAction<T, I = unknown> = { action(input: I): Promise<ActionResult<T>> }["action"];

type Level = "public" | "user" | "admin";

/**
 * The one server-action wrapper. In order: same-origin check (Next aborts a mismatched
 * Origin itself but only warns when it is missing; we refuse both), the session and role
 * from the database, strict parsing of the input, then `fn`. Next's own control flow
 * (`redirect()`, `notFound()`) passes through; everything else becomes an ActionResult.
 */
function wrap<S extends ZodType, T, C extends ActionContext>(
  level: Level,
  schema: S,
  fn: (input: z.output<S>, ctx: C) => Promise<T>,
  secondFactor?: SecondFactorLevel,
): ServerAction<T, z.input<S>> {
  return async (input: unknown) => {
    try {
      const h = await headers();
      assertSameOriginHeader(h.get("origin"), requestOrigin(h));
      const db = await getDb();
      const user =
        level === "admin"
          ? await requireAdmin(db, undefined, secondFactor)
          : level === "user"
            ? await requireUser(db)
            : undefined;
      const now = appClock.now();
      // Every admin action is a write; the same per-admin bucket as the admin JSON routes.
      if (level === "admin" && user)
        await enforceRequestLimit(db, "admin-writes", { headers: h, userId: user.id, now });
      const parsed = parseOrThrow(schema, input instanceof FormData ? formToObject(input) : input, {
        message: (first) => first?.message ?? "Check the form.",
      });
      const data = await fn(parsed, { db, now, ...(user ? { user } : {}) } as C);
      return { ok: true, data };
    } catch (e) {
      unstable_rethrow(e);
      return failure(e);
    }
  };
}

export function action<S extends ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
): ServerAction<T, z.input<S>> {
  return wrap("public", schema, fn);
}

export function userAction<S extends ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, ctx: UserActionContext) => Promise<T>,
): ServerAction<T, z.input<S>> {
  return wrap("user", schema, fn);
}

/**
 * An admin action. `opts.secondFactor`: how recently the session must have passed the second
 * factor — "session" (default, 12 hours), "recent" (5 minutes: role changes, point
 * adjustments), "none" only for the actions that pass it (lib/auth/second-factor.ts).
 */
export function adminAction<S extends ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, ctx: UserActionContext) => Promise<T>,
  opts: { secondFactor?: SecondFactorLevel } = {},
): ServerAction<T> {
  return wrap("admin", schema, fn, opts.secondFactor);
}

async function failure(e: unknown): Promise<ActionResult<never>> {
  const err = toAppError(e);
  if (err.status >= 500) {
    log.error({ err: e, code: err.code }, "server action failed");
    if (err.code !== "unavailable:database")
      await recordError({
        kind: err.code,
        message: e instanceof Error ? e.message : String(e),
        context: { via: "server-action" },
      });
  }
  // In the request's language (cookie, then Accept-Language), with the code unchanged.
  const { message, fieldErrors } = localizedError(err, await resolveLocale());
  return { ok: false, code: err.code, message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** Form fields as an object; Next's own `$ACTION_…` fields are not ours to parse. */
function formToObject(form: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of form.entries()) if (!key.startsWith("$ACTION")) out[key] = value;
  return out;
}

function requestOrigin(h: Headers): string {
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`;
}
