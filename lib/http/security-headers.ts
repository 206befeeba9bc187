/**
 * Response headers. The static ones go on every response (next.config.ts); the Content
 * Security Policy carries a fresh nonce per request and HSTS is sent only over https, so both
 * are set by proxy.ts. Next reads the nonce from the request's CSP header and puts it on its
 * own scripts; `'strict-dynamic'` lets those load the chunks they need, nothing inline without
 * the nonce runs. Nothing may frame the app.
 */
export function staticSecurityHeaders() {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * The JSON API never renders a document: nothing may load from, frame or run in one of its
 * responses. Static, so next.config.ts sets it (proxy.ts does not run for `/api`).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Base64 of 16 random bytes: unguessable and different on every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(opts: {
  nonce: string;
  dev?: boolean;
  imgOrigins?: readonly string[];
}): string {
  const img = ["'self'", ...(opts.imgOrigins ?? [])].join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Styles stay inline-capable: React and the UI primitives set style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src ${img}`,
    "font-src 'self'",
    // The service worker (public/sw.js): with 'strict-dynamic', script-src would not let 'self' register it.
    "worker-src 'self'",
    "manifest-src 'self'",
    `connect-src 'self'${opts.dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Whether the client reached us over https (directly, or through a proxy that terminated TLS). */
export function overHttps(protocol: string, forwardedProto: string | null): boolean {
  const forwarded = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : protocol === "https:";
}
