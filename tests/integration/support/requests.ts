import { NextRequest } from "next/server";

type Handler = (
  req: NextRequest,
  segment?: { params?: Promise<Record<string, string>> },
) => Promise<Response>;

/**
 * Calls a route handler in-process as Next does: same-origin, JSON body, the given cookie and
 * language, and the dynamic segments as `params`. Answers the status and the parsed body.
 */
export async function callRoute(
  handler: Handler,
  opts: {
    method?: string;
    path: string;
    cookie?: string;
    body?: unknown;
    params?: Record<string, string>;
    locale?: "ko" | "en";
  },
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = {
    origin: "http://localhost",
    "accept-language": opts.locale ?? "en",
  };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(`http://localhost${opts.path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
}
