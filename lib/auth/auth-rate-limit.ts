import "server-only";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { appClock } from "@/lib/clock";
import { errorResponse } from "@/lib/http/route";
import type { RateLimitName } from "@/lib/ratelimit/rules";
import { enforceRequestLimit } from "@/lib/ratelimit/subject";

type Handler = (req: NextRequest) => Promise<Response>;

/**
 * Which Auth.js endpoints cost us something: a sign-in start (a redirect plus state cookies)
 * and a callback (an outbound token request to the provider). Session, CSRF and provider
 * reads are free and stay unlimited, or a busy page would lock its own player out.
 */
export function authRateLimitFor(method: string, pathname: string): RateLimitName | null {
  if (method === "POST" && /^\/api\/auth\/signin\/[^/]+\/?$/.test(pathname)) return "auth-signin";
  if ((method === "GET" || method === "POST") && /^\/api\/auth\/callback\/[^/]+\/?$/.test(pathname))
    return "auth-callback";
  return null;
}

/** Auth.js's route handlers behind the per-IP limits (429 with Retry-After before Auth.js runs). */
export function withAuthRateLimits(handler: Handler): Handler {
  return async (req) => {
    const name = authRateLimitFor(req.method, req.nextUrl.pathname);
    if (name) {
      try {
        await enforceRequestLimit(await getDb(), name, { headers: req.headers, now: appClock.now() });
      } catch (e) {
        return errorResponse(e, req);
      }
    }
    return handler(req);
  };
}
