import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { ZodType } from "zod";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { appClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordError } from "@/lib/ops/error-log";

export const MAX_BODY_BYTES = 16 * 1024;

export type RouteContext<B, Q> = {
  req: NextRequest;
  db: Database;
  now: Date;
  body: B;
  query: Q;
  params: Record<string, string>;
};

type Options<B, Q> = {
  body?: ZodType<B>;
  query?: ZodType<Q>;
  /** Signed scheduler callbacks authenticate by signature, not by Origin. */
  skipOriginCheck?: boolean;
};

/**
 * The one wrapper for route handlers: same-origin check on writes, strict parsing of query
 * and body, and one mapping from AppError to a JSON response. Nothing else reaches a client.
 */
export function route<B = undefined, Q = undefined>(
  opts: Options<B, Q>,
  fn: (ctx: RouteContext<B, Q>) => Promise<unknown>,
) {
  return async (req: NextRequest, segment?: { params?: Promise<Record<string, string>> }) => {
    try {
      if (!opts.skipOriginCheck && req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req);
      const query = opts.query ? parseWith(opts.query, Object.fromEntries(req.nextUrl.searchParams), "query") : (undefined as Q);
      const body = opts.body ? parseWith(opts.body, await readJson(req), "body") : (undefined as B);
      const params = (await segment?.params) ?? {};
      const result = await fn({ req, db: await getDb(), now: appClock.now(), body, query, params });
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
  const origin = req.headers.get("origin");
  const expected = env().PUBLIC_BASE_URL ? new URL(env().PUBLIC_BASE_URL!).origin : req.nextUrl.origin;
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

