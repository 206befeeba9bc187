import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers, nothing else is asked (no database, no provider). For a
 * load balancer's liveness probe (`/api/health` is readiness), and the benchmark's trivial
 * route: the framework's own floor for a dynamic JSON answer (docs/performance.md).
 */
export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
