/**
 * The load generator: plain `node:http` with keep-alive sockets. Why not autocannon: every
 * request here needs its own cookie and body (a different player and symbol), the 200 req/s
 * figure must be open-loop (requests start on schedule whether or not earlier ones have
 * answered, so a slow server cannot hide its queue — autocannon's rate limit is per
 * connection, closed-loop), and the burst fires thousands of requests at one instant. Each of
 * those is a few lines on node:http; the client's own cost is the same for every figure and
 * its baseline, and it is small beside a Next request (measured: under 0.1 ms of CPU per request).
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

export type Req = { method?: string; path: string; headers?: Record<string, string>; body?: string };
export type Result = { status: number; ms: number; body?: string; error?: string };

/** `cpuMs`: the server's CPU time so far (its process group), for CPU per request. */
export type Target = { host: string; port: number; agent: http.Agent; cpuMs?: () => number };

export function target(baseUrl: string, maxSockets: number): Target {
  const u = new URL(baseUrl);
  return {
    host: u.hostname,
    port: Number(u.port),
    agent: new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets }),
  };
}

/**
 * One request; `keepBody` returns the answer's text (for checks), else it is drained. A
 * request on a reused keep-alive socket that the server closed meanwhile (ECONNRESET before
 * any answer, `reusedSocket`) is sent again once, as Node's documentation advises.
 */
export function send(
  t: Target,
  r: Req,
  opts: { keepBody?: boolean; timeoutMs?: number } = {},
  started = performance.now(),
  retried = false,
): Promise<Result> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.body !== undefined) headers["content-length"] = String(Buffer.byteLength(r.body));
    const req = http.request(
      { host: t.host, port: t.port, agent: t.agent, method: r.method ?? "GET", path: r.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => opts.keepBody && chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            ...(opts.keepBody ? { body: Buffer.concat(chunks).toString() } : {}),
          }),
        );
        res.on("error", (e) => resolve({ status: 0, ms: performance.now() - started, error: String(e) }));
      },
    );
    req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error("timeout")));
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && e.code === "ECONNRESET") resolve(send(t, r, opts, started, true));
      else resolve({ status: 0, ms: performance.now() - started, error: e.message });
    });
    req.end(r.body);
  });
}

export type Summary = {
  requests: number;
  seconds: number;
  rps: number;
  byStatus: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  samples: string[];
  /** Every latency, sorted (to merge rounds). */
  latencies: number[];
  /** The server's CPU time while measuring (ms), when the target can tell it. */
  cpuMs?: number;
  /** cpuMs / requests: the work one request costs, whatever the machine's load does to latency. */
  cpuMsPerRequest?: number;
};

function summarize(results: Result[], seconds: number): Summary {
  return summary(
    results.map((r) => r.ms).sort((a, b) => a - b),
    seconds,
    results,
  );
}

function summary(ms: number[], seconds: number, results: Result[]): Summary {
  const at = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]! : 0);
  const byStatus: Record<string, number> = {};
  const samples: string[] = [];
  for (const r of results) {
    const k = r.error ? `error` : String(r.status);
    byStatus[k] = (byStatus[k] ?? 0) + 1;
    if ((r.error || r.status >= 500) && samples.length < 5)
      samples.push(r.error ?? r.body ?? String(r.status));
  }
  return {
    requests: ms.length,
    seconds,
    rps: ms.length / seconds,
    byStatus,
    p50: at(50),
    p99: at(99),
    max: ms.at(-1) ?? 0,
    samples,
    latencies: ms,
  };
}

/** Rounds of one load merged into one summary (requests and seconds added, latencies pooled). */
function merged(rounds: Summary[]): Summary {
  const ms = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const s = summary(ms, seconds, []);
  for (const r of rounds)
    for (const [k, v] of Object.entries(r.byStatus)) s.byStatus[k] = (s.byStatus[k] ?? 0) + v;
  s.samples = rounds.flatMap((r) => r.samples).slice(0, 5);
  if (rounds.every((r) => r.cpuMs !== undefined))
    withCpu(
      s,
      rounds.reduce((n, r) => n + r.cpuMs!, 0),
    );
  return s;
}

function withCpu(s: Summary, cpuMs: number): Summary {
  s.cpuMs = cpuMs;
  s.cpuMsPerRequest = s.requests ? cpuMs / s.requests : 0;
  return s;
}

type LoopOptions = { connections: number; seconds: number; next: () => Req | null; warmupSeconds?: number };

/**
 * A figure and its baseline measured in alternating rounds (A, B, A, B, …), each for
 * seconds / rounds, so a change in the machine's load falls on both alike.
 */
export async function alternating(
  t: Target,
  a: LoopOptions,
  b: LoopOptions,
  rounds: number,
): Promise<[Summary, Summary]> {
  const as: Summary[] = [];
  const bs: Summary[] = [];
  for (let i = 0; i < rounds; i++) {
    const warm = i === 0 ? undefined : 0;
    as.push(
      await closedLoop(t, { ...a, seconds: a.seconds / rounds, warmupSeconds: warm ?? a.warmupSeconds }),
    );
    bs.push(
      await closedLoop(t, { ...b, seconds: b.seconds / rounds, warmupSeconds: warm ?? b.warmupSeconds }),
    );
  }
  return [merged(as), merged(bs)];
}

/** Closed loop: `connections` workers, each sending its next request when the last one answered. */
export async function closedLoop(
  t: Target,
  opts: { connections: number; seconds: number; next: () => Req | null; warmupSeconds?: number },
): Promise<Summary> {
  const results: Result[] = [];
  const warmEnd = performance.now() + (opts.warmupSeconds ?? 0) * 1000;
  let measuring = opts.warmupSeconds ? false : true;
  let started = performance.now();
  let end = started + (opts.seconds + (opts.warmupSeconds ?? 0)) * 1000;
  let cpu0 = measuring ? t.cpuMs?.() : undefined;
  const worker = async () => {
    for (;;) {
      const now = performance.now();
      if (now >= end) return;
      if (!measuring && now >= warmEnd) {
        measuring = true;
        started = now;
        end = now + opts.seconds * 1000;
        results.length = 0;
        cpu0 = t.cpuMs?.();
      }
      const r = opts.next();
      if (!r) return;
      const res = await send(t, r);
      if (measuring) results.push(res);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const s = summarize(results, (performance.now() - started) / 1000);
  const cpu1 = t.cpuMs?.();
  return cpu0 !== undefined && cpu1 !== undefined ? withCpu(s, cpu1 - cpu0) : s;
}

/**
 * Open loop at a fixed arrival rate: request i starts at `i / rate` seconds whatever happened
 * to the others, and its latency counts from that scheduled instant (no coordinated omission).
 */
export async function openLoop(
  t: Target,
  opts: { rate: number; seconds: number; next: () => Req | null },
): Promise<Summary> {
  const total = Math.round(opts.rate * opts.seconds);
  const t0 = performance.now();
  const pending: Promise<Result>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const r = opts.next();
    if (!r) break;
    const late = performance.now() - due;
    pending.push(send(t, r).then((res) => ({ ...res, ms: res.ms + Math.max(0, late) })));
  }
  const results = await Promise.all(pending);
  return summarize(results, (performance.now() - t0) / 1000);
}

/** Everything at once: all requests handed to the agent in the same tick. */
export async function burst(t: Target, reqs: Req[], timeoutMs = 60_000): Promise<Summary> {
  const t0 = performance.now();
  const results = await Promise.all(reqs.map((r) => send(t, r, { keepBody: true, timeoutMs })));
  const s = summarize(results, (performance.now() - t0) / 1000);
  for (const r of results) delete r.body;
  return s;
}
