/**
 * Where a user may be sent after signing in or out: only somewhere on this site. Anything
 * else (another origin, a protocol-relative `//host`, a `javascript:` URL, garbage) falls
 * back to the home page. Pure and edge-safe: the proxy, Auth.js and the sign-in page share it.
 */

const MAX_CALLBACK_LENGTH = 2048;

/** A same-origin path with query and hash (`/me/points?cursor=3`), or `fallback`. */
export function safeCallbackPath(raw: unknown, origin: string, fallback = "/"): string {
  if (typeof raw !== "string" || raw === "" || raw.length > MAX_CALLBACK_LENGTH) return fallback;
  // Backslashes and control characters are read as "/" or dropped by browsers: "/\evil.example" would leave the site.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Never send a fresh sign-in back into the Auth.js endpoints (sign-out, callbacks).
  if (path.startsWith("/api/auth")) return fallback;
  return path;
}

/** The Auth.js `redirect` callback: an absolute URL on `baseUrl`'s origin, never elsewhere. */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return `${new URL(baseUrl).origin}${safeCallbackPath(url, baseUrl)}`;
}
