import http from "node:http";
import { hasProductionBuild } from "../support/prod-server";
import { postgresReachable } from "../support/pg-database";

/** Ports of this project's servers: PROD_TEST_PORT (default 3720) and a few above it. */
export const PROD_PORT = Number(process.env.PROD_TEST_PORT ?? 3720);

/**
 * These tests need the production build and PostgreSQL. In CI (`CI` set) a missing one is a
 * failure; elsewhere the file is skipped with a note.
 */
export async function productionPrerequisites(): Promise<string | null> {
  const missing = !hasProductionBuild()
    ? "no production build (run `npx next build`)"
    : !(await postgresReachable())
      ? "PostgreSQL unreachable (TEST_PG_URL)"
      : null;
  if (missing && process.env.CI) throw new Error(missing);
  return missing;
}

export type TimedResponse =
  | { status: number; ms: number; body: string; headers: http.IncomingHttpHeaders }
  | { status: "error"; ms: number; error: string };

/** One request with a hard client-side deadline, so a hung answer shows up as such. */
export async function timedFetch(
  url: string,
  init: RequestInit & { deadlineMs?: number } = {},
): Promise<TimedResponse> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.deadlineMs ?? 30_000) });
    const body = await res.text();
    return {
      status: res.status,
      ms: performance.now() - started,
      body,
      headers: Object.fromEntries(res.headers),
    };
  } catch (e) {
    return { status: "error", ms: performance.now() - started, error: (e as Error).name };
  }
}

/**
 * Stream `totalBytes` of filler as a chunked upload (or with a declared Content-Length), stop
 * writing as soon as the server answers, and report the status, the bytes written by then and
 * the time to the answer. Status 0: the server closed the connection mid-upload and its
 * answer was lost to the client's EPIPE (it stopped reading, which is the point).
 */
export function uploadUntilAnswered(
  url: string,
  opts: { totalBytes: number; headers?: Record<string, string>; declaredLength?: number },
): Promise<{ status: number; body: string; written: number; ms: number }> {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let written = 0;
    let answered = false;
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.declaredLength !== undefined) headers["content-length"] = String(opts.declaredLength);
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers,
        agent: false,
      },
      (res) => {
        answered = true;
        const ms = performance.now() - started;
        let body = "";
        res.on("data", (b: Buffer) => (body += b.toString()));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, written, ms });
        });
      },
    );
    // The server may close the connection right after its answer, while we are still sending:
    // an EPIPE / ECONNRESET then races the parsed response. Give the response a moment.
    req.on("error", (e) => {
      if (answered) return;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EPIPE" && code !== "ECONNRESET") return reject(e);
      setTimeout(() => {
        if (!answered)
          resolve({
            status: 0,
            body: `{"closedBy":"server","error":"${code}"}`,
            written,
            ms: performance.now() - started,
          });
      }, 1_000);
    });
    const pump = () => {
      while (!answered && written < opts.totalBytes) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
