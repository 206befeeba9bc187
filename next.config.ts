import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from "./lib/http/security-headers";

// Messages are compiled at build time: the browser gets no ICU parser (~21 kB of gzipped JS).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const nextConfig: NextConfig = {
  // PGlite ships wasm and resolves files by URL; bundling it breaks every request.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "yahoo-finance2"],
  poweredByHeader: false,
  // Lets several builds live side by side (parallel test runs on one machine).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  experimental: {
    // forbidden() / unauthorized(): a signed-in player on an admin page gets a real HTTP 403.
    authInterrupts: true,
    // Our actions take a few form fields; Next refuses anything larger before parsing it
    // (default 1 MB). Route handlers bound their own bodies (lib/http/body.ts).
    serverActions: { bodySizeLimit: "64kb" },
    // What proxy.ts may buffer of a body (default 10 MB); above the action limit so that
    // limit, not a truncated body, is what a client meets.
    proxyClientMaxBodySize: "128kb",
  },
  async headers() {
    // Pages get their CSP (with its per-request nonce) and HSTS from proxy.ts; the API a static one.
    return [
      { source: "/:path*", headers: staticSecurityHeaders() },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
