import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { ZodType } from "zod";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { User } from "@/db/schema";
import { requireAdmin, requireUser } from "@/lib/auth/guards";
import type { SecondFactorLevel } from "@/lib/auth/second-factor";
import { appClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError, isAppError, toAppError } from "@/lib/errors";
import { localeOfHeaders } from "@/lib/i18n/config";
import { localizedError } from "@/lib/i18n/server-errors";
import { log } from "@/lib/log";
import { recordError } from "@/lib/ops/error-log";
import type { RateLimitName } from "@/lib/ratelimit/rules";
import { enforceRequestLimit } from "@/lib/ratelimit/subject";
import { parseOrThrow } from "@/lib/validation";
import { isSameOrigin } from "./origin";
import { readJsonBody } from "./body";

export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Who may call a handler. `"user"` (the default) needs a signed-in player, `"admin"` an admin;
 * both read the user and the role from the database on every request. `"public"` must be
 * asked for explicitly, so a handler that forgets to choose is never open to everyone.
 */
export type RouteAuth = "public" | "user" | "admin";

export type RouteContext<B, Q, A extends RouteAuth = "user"> = {
  req: NextRequest;
  db: Database;
  now: Date;
  body: B;
  query: Q;
  params: Record<string, string>;
  /** The caller, fresh from the database; null on public routes (not looked up there). */
  user: A extends "public" ? null : User;
};

type Options<B, Q, A extends RouteAuth> = {
  body?: ZodType<B>;
  query?: ZodType<Q>;
  auth?: A;
  /** Signed scheduler callbacks authenticate by signature, not by Origin. */
  skipOriginCheck?: boolean;
  /**
   * Admin routes: how recently the session must have passed the second factor. "session" (the
   * default) within 12 hours, "recent" within 5 minutes (role changes, point adjustments),
   * "none" only for the routes that pass it (lib/auth/second-factor.ts).
   */
  secondFactor?: SecondFactorLevel;
  /** A limit from lib/ratelimit/rules.ts, per signed-in user or else per client IP. Admin writes are always limited. */
  rateLimit?: RateLimitName;
};

/**
 * The one wrapper for route handlers: same-origin check on writes, the session and role
 * check (`auth`, default `"user"`), strict parsing of query and body, and one mapping from
 * AppError to a JSON response. Nothing else reaches a client.
 */
export function route<B = undefined, Q = undefined, A extends RouteAuth = "user">(
  opts: Options<B, Q, A>,
  fn: (ctx: RouteContext<B, Q, A>) => Promise<unknown>,
) {
  const level: RouteAuth = opts.auth ?? "user";
  return async (req: NextRequest, segment?: { params?: Promise<Record<string, string>> }) => {
    try {
      if (!opts.skipOriginCheck && req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req);
      const db = await getDb();
      // Who before what: an anonymous caller learns nothing about the shape of the input.
      const user =
        level === "admin"
          ? await requireAdmin(db, req.cookies, opts.secondFactor)
          : level === "user"
            ? await requireUser(db, req.cookies)
            : null;
      const now = appClock.now();
      if (opts.rateLimit)
        await enforceRequestLimit(db, opts.rateLimit, { headers: req.headers, userId: user?.id, now });
      if (level === "admin" && req.method !== "GET" && req.method !== "HEAD")
        await enforceRequestLimit(db, "admin-writes", { headers: req.headers, userId: user?.id, now });
      const query = opts.query
        ? parseWith(opts.query, Object.fromEntries(req.nextUrl.searchParams), "query")
        : (undefined as Q);
      const body = opts.body
        ? parseWith(opts.body, await readJsonBody(req, MAX_BODY_BYTES), "body")
        : (undefined as B);
      const params = (await segment?.params) ?? {};
      const ctx = { req, db, now, body, query, params, user } as RouteContext<B, Q, A>;
      const result = await fn(ctx);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (e) {
      return errorResponse(e, req);
    }
  };
}

/** Status of an answer to a client that closed the connection first (nginx's convention): nobody reads it. */
export const CLIENT_CLOSED_REQUEST = 499;

export async function errorResponse(e: unknown, req?: NextRequest): Promise<NextResponse> {
  // A client that went away is not a failure of ours: no 500, no error-log row, no alert.
  if (req?.signal.aborted) {
    log.info(
      { path: req.nextUrl.pathname, code: isAppError(e) ? e.code : undefined },
      "client closed the request",
    );
    return new NextResponse(null, { status: CLIENT_CLOSED_REQUEST });
  }
  const err = toAppError(e);
  if (err.status >= 500) {
    log.error({ err: e, code: err.code, path: req?.nextUrl.pathname }, "request failed");
    // With the database unavailable, writing the error log would only wait for it too.
    if (err.code !== "unavailable:database") {
      await recordError({
        kind: err.code,
        message: e instanceof Error ? e.message : String(e),
        context: { path: req?.nextUrl.pathname },
      });
    }
  }
  const headers: Record<string, string> = {};
  if ((err.status === 429 || err.status === 503) && typeof err.details?.retryAfterSeconds === "number") {
    headers["Retry-After"] = String(err.details.retryAfterSeconds);
  }
  // In the request's language (cookie, then Accept-Language); the code stays the same.
  const body = req ? localizedError(err, localeOfHeaders(req.headers)) : err.toJSON();
  return NextResponse.json(body, { status: err.status, headers });
}

function assertSameOrigin(req: NextRequest): void {
  assertSameOriginHeader(req.headers.get("origin"), req.nextUrl.origin);
}

/**
 * A write must carry the site's own Origin (PUBLIC_BASE_URL when configured, else the
 * request's). Shared with the server-action wrapper, where Next only warns about a missing one.
 */
export function assertSameOriginHeader(origin: string | null, requestOrigin: string): void {
  if (!isSameOrigin(origin, env().PUBLIC_BASE_URL, requestOrigin)) {
    throw new AppError("forbidden:cross_site", "This request must come from the OX Universe site itself.");
  }
}

/** zod failures: a wrong shape is 400, a well-formed but unacceptable value is 422. */
export function parseWith<T>(schema: ZodType<T>, input: unknown, where: "body" | "query"): T {
  return parseOrThrow(schema, input, {
    malformed: `bad_request:invalid_${where}`,
    invalid: `unprocessable:invalid_${where}`,
    root: where,
    message: (first) =>
      `Invalid ${where} — ${first ? `${first.path.join(".") || where}: ${first.message}` : "invalid input"}`,
  });
}
