import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite ships wasm and resolves files by URL; bundling it breaks every request.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "yahoo-finance2"],
  poweredByHeader: false,
  // Lets several builds live side by side (parallel test runs on one machine).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // forbidden() / unauthorized(): a signed-in player on an admin page gets a real HTTP 403.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default withNextIntl(nextConfig);
