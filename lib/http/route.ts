import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { ZodType } from "zod";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { User } from "@/db/schema";
import { requireAdmin, requireUser } from "@/lib/auth/guards";
import { appClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordError } from "@/lib/ops/error-log";

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
      const user = level === "admin" ? await requireAdmin(db) : level === "user" ? await requireUser(db) : null;
      const query = opts.query ? parseWith(opts.query, Object.fromEntries(req.nextUrl.searchParams), "query") : (undefined as Q);
      const body = opts.body ? parseWith(opts.body, await readJson(req), "body") : (undefined as B);
      const params = (await segment?.params) ?? {};
      const ctx = { req, db, now: appClock.now(), body, query, params, user } as RouteContext<B, Q, A>;
      const result = await fn(ctx);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (e) {
      return errorResponse(e, req);
    }
  };
}

export async function errorResponse(e: unknown, req?: NextRequest): Promise<NextResponse> {
  const err = toAppError(e);
  if (err.status >= 500) {
    log.error({ err: e, code: err.code, path: req?.nextUrl.pathname }, "request failed");
    await recordError({ kind: err.code, message: e instanceof Error ? e.message : String(e), context: { path: req?.nextUrl.pathname } });
  }
  const headers: Record<string, string> = {};
  if (err.status === 429 && typeof err.details?.retryAfterSeconds === "number") {
    headers["Retry-After"] = String(err.details.retryAfterSeconds);
  }
  return NextResponse.json(err.toJSON(), { status: err.status, headers });
}

function assertSameOrigin(req: NextRequest): void {
  assertSameOriginHeader(req.headers.get("origin"), req.nextUrl.origin);
}

/**
 * A write must carry the site's own Origin (PUBLIC_BASE_URL when configured, else the
 * request's). Shared with the server-action wrapper, where Next only warns about a missing one.
 */
export function assertSameOriginHeader(origin: string | null, requestOrigin: string): void {
  const expected = env().PUBLIC_BASE_URL ? new URL(env().PUBLIC_BASE_URL!).origin : requestOrigin;
  if (!origin || origin !== expected) {
    throw new AppError("forbidden:cross_site", "This request must come from the OX Universe site itself.");
  }
}

async function readJson(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("bad_request:body_too_large", "The request body is too large.");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("bad_request:body_too_large", "The request body is too large.");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request:invalid_json", "The request body is not valid JSON.");
  }
}

/** zod failures: a wrong shape is 400, a well-formed but unacceptable value is 422. */
export function parseWith<T>(schema: ZodType<T>, input: unknown, where: "body" | "query"): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || where;
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const shapeProblem = result.error.issues.some((i) => i.code === "invalid_type" || i.code === "unrecognized_keys");
  const first = result.error.issues[0];
  const summary = first ? `${first.path.join(".") || where}: ${first.message}` : "invalid input";
  throw new AppError(shapeProblem ? `bad_request:invalid_${where}` : `unprocessable:invalid_${where}`, `Invalid ${where} — ${summary}`, {
    fieldErrors,
  });
}

