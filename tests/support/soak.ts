/**
 * Mixed player and admin load against one production instance on PostgreSQL, for a fixed
 * time at bounded concurrency: requests, 5xx, latency and the server's memory, then the
 * integrity check over everything the load wrote.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { fitLine } from "./fit-line";
import { HttpClient } from "./http-client";
import { enrolOverHttp } from "./second-factor";
import { oauthEnv, signInWithKakao, startOAuthFakes } from "./oauth";
import { createPgDatabase } from "./pg-database";
import { startProdServer, type ProdServer } from "./prod-server";

/** The soak is about staying up under mixed load: the per-IP and per-player limits are opened wide. */
const SOAK_ENV = {
  SCHEDULER: "inprocess",
  TEST_CLOCK_START: "2026-12-01T10:00:00+09:00",
  TEST_CLOCK_CONTROL: "1",
  AD_MIN_WATCH_SECONDS: "1",
  ADMIN_EMAILS: "boss@ox-soak.test",
  RATE_LIMIT_PUBLIC_READS_PER_MINUTE: "100000",
  RATE_LIMIT_PREDICTIONS_PER_MINUTE: "100000",
  RATE_LIMIT_ADS_PER_MINUTE: "100000",
};

export type SoakOptions = {
  seconds: number;
  players: number;
  concurrency: number;
  port: number;
  log?: (s: string) => void;
};

export type SoakReport = {
  seconds: number;
  requests: number;
  byStatus: Record<string, number>;
  errors5xx: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
  rssStartMb: number;
  rssEndMb: number;
  rssGrowth: number;
  /**
   * Memory the server still holds after a full garbage collection (heap in use + memory outside
   * the heap, every process of its group), MB: read every 10 s after the warm-up and once after
   * the load, and its growth off a line fitted to those readings. This is what a leak moves;
   * RSS also moves with when the collector ran (on a slow machine, once in minutes).
   */
  retainedStartMb: number;
  retainedEndMb: number;
  retainedGrowth: number;
  /** Each reading: retained MB / RSS MB right after the collection. */
  retainedSamples: string[];
  invariantViolations: string[];
  samples5xx: string[];
  /** Expected refusals (4xx) by action and error code. */
  refusals: Record<string, number>;
  /** The server's RSS every 10 s, in MB. */
  rssSamples: number[];
  /** The last lines the server printed, when a request failed or answered 5xx. */
  serverLog?: string;
};

type Action = { name: string; weight: number; run: (p: HttpClient, ctx: Ctx) => Promise<Response | null> };
type Ctx = { symbols: string[]; admin: HttpClient; pick: <T>(xs: T[]) => T };

const ACTIONS: Action[] = [
  { name: "board page", weight: 10, run: (p) => p.request("/") },
  { name: "board api", weight: 20, run: (p) => p.request("/api/board") },
  {
    name: "submit",
    weight: 20,
    run: (p, c) =>
      p.request("/api/predictions", { json: { symbol: c.pick(c.symbols), choice: c.pick(["UP", "DOWN"]) } }),
  },
  {
    name: "change or cancel",
    weight: 10,
    run: async (p, c) => {
      const mine = await p.json<{ predictions: { id: string; status: string }[] }>("/api/me/predictions");
      const pending = (mine.body.predictions ?? []).filter((x) => x.status === "PENDING");
      if (pending.length === 0) return null;
      const target = c.pick(pending);
      return Math.random() < 0.5
        ? p.request(`/api/predictions/${target.id}`, {
            method: "PATCH",
            json: { choice: c.pick(["UP", "DOWN"]) },
          })
        : p.request(`/api/predictions/${target.id}`, { method: "DELETE" });
    },
  },
  {
    name: "ad",
    weight: 4,
    run: async (p) => {
      const start = await p.json<{ token?: string }>("/api/ads/start", { method: "POST" });
      if (!start.body.token) return null;
      await new Promise((r) => setTimeout(r, 1_100));
      return p.request("/api/ads/complete", { json: { token: start.body.token } });
    },
  },
  { name: "my calls", weight: 10, run: (p) => p.request("/api/me/predictions") },
  { name: "points", weight: 5, run: (p) => p.request("/api/me/points") },
  { name: "rewards", weight: 5, run: (p) => p.request("/api/rewards") },
  { name: "session", weight: 6, run: (p) => p.request("/api/session/today") },
  { name: "admin health", weight: 3, run: (_p, c) => c.admin.request("/api/admin/health") },
  { name: "admin jobs", weight: 3, run: (_p, c) => c.admin.request("/api/admin/jobs") },
  { name: "admin users", weight: 2, run: (_p, c) => c.admin.request("/api/admin/users") },
  {
    name: "admin points",
    weight: 2,
    run: (_p, c) => c.admin.request("/api/admin/points/stats?from=2026-11-24&to=2026-12-01"),
  },
];
const TOTAL_WEIGHT = ACTIONS.reduce((s, a) => s + a.weight, 0);

function chooseAction(): Action {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const a of ACTIONS) if ((r -= a.weight) < 0) return a;
  return ACTIONS[0]!;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks every process of the server's group to collect its garbage and report what it still
 * holds (tests/support/retained-memory.mjs, preloaded into the server), and sums the answers.
 */
async function readRetained(
  server: ProdServer,
  file: string,
): Promise<{ retainedMb: number; rssMb: number }> {
  const from = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const pids = server.pids();
  process.kill(-server.pid, "SIGUSR2");
  const deadline = performance.now() + 30_000;
  for (;;) {
    await sleep(50);
    const lines = fs.existsSync(file)
      ? fs
          .readFileSync(file)
          .subarray(from)
          .toString()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { pid: number; heapUsed: number; external: number; rss: number })
      : [];
    const byPid = new Map(lines.map((l) => [l.pid, l]));
    if (pids.every((p) => byPid.has(p))) {
      const mb = (n: number) => n / 1024 / 1024;
      const answers = [...byPid.values()];
      return {
        retainedMb: mb(answers.reduce((s, l) => s + l.heapUsed + l.external, 0)),
        rssMb: mb(answers.reduce((s, l) => s + l.rss, 0)),
      };
    }
    if (performance.now() > deadline)
      throw new Error(`no retained-memory reading from ${pids.filter((p) => !byPid.has(p)).join(", ")}`);
  }
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? (() => {});
  const pg = await createPgDatabase("oxu_soak");
  const db = pg.open(2);
  const fakes = await startOAuthFakes(opts.port);
  const retainedFile = path.resolve(".test-data", `soak-${opts.port}`, "retained.jsonl");
  fs.mkdirSync(path.dirname(retainedFile), { recursive: true });
  fs.rmSync(retainedFile, { force: true });
  const server = await startProdServer({
    port: opts.port + 20,
    databaseUrl: pg.url,
    env: {
      ...oauthEnv(opts.port),
      ...SOAK_ENV,
      NODE_OPTIONS: [
        process.env.NODE_OPTIONS,
        `--import "${pathToFileURL(path.resolve("tests/support/retained-memory.mjs")).href}"`,
      ]
        .filter(Boolean)
        .join(" "),
      RETAINED_MEMORY_FILE: retainedFile,
    },
  });
  const rssMb = () => Math.round(server.rssBytes() / 1024 / 1024);
  try {
    const client = () => new HttpClient(server.baseUrl, server.publicUrl);
    const anon = client();
    let symbols: string[] = [];
    for (let i = 0; symbols.length === 0; i++) {
      if (i > 120) throw new Error("the session never opened");
      const u = await anon.json<{ symbols?: { symbol: string }[] }>("/api/universe/today");
      symbols = (u.body.symbols ?? []).map((x) => x.symbol);
      if (!symbols.length) await new Promise((r) => setTimeout(r, 500));
    }
    const players: HttpClient[] = [];
    for (let i = 0; i < opts.players; i++) {
      const c = client();
      await signInWithKakao(c, fakes, { sub: `soak-${i}-${Date.now()}`, email: null, nickname: `Soak${i}` });
      players.push(c);
    }
    const admin = client();
    await signInWithKakao(admin, fakes, {
      sub: `soak-admin-${Date.now()}`,
      email: "boss@ox-soak.test",
      emailVerified: true,
      nickname: "SoakBoss",
    });
    // The admin traffic runs as a real admin's: past the second factor (else every admin call is a 403).
    await enrolOverHttp(admin);
    const ctx: Ctx = { symbols, admin, pick: (xs) => xs[Math.floor(Math.random() * xs.length)]! };
    log(
      `soak: ${players.length} players, ${symbols.length} symbols, ${opts.concurrency} at a time for ${opts.seconds} s`,
    );

    const latencies: number[] = [];
    const byStatus: Record<string, number> = {};
    const samples5xx: string[] = [];
    const refusals: Record<string, number> = {};
    const rssSamples: number[] = [];
    const sampler = setInterval(() => rssSamples.push(rssMb()), 10_000);
    let failures = 0;
    const warmUpMs = Math.min(120_000, (opts.seconds * 1000) / 2);
    const startedAt = performance.now();
    const endAt = startedAt + opts.seconds * 1000;
    let warmed = false;
    // After the warm-up, RSS every 2 s: the growth is read off a straight line fitted to them,
    // not off two single readings of a sawtooth (garbage collection moves RSS by ±5 % at will).
    const measured: Array<[seconds: number, mb: number]> = [];
    const measure = () => measured.push([(performance.now() - startedAt) / 1000, rssMb()]);
    const fineSampler = setInterval(() => warmed && measure(), 2_000);
    // Retained memory every 10 s after the warm-up, one reading at a time.
    const retained: Array<[seconds: number, mb: number]> = [];
    const retainedSamples: string[] = [];
    const readRetainedNow = async () => {
      const r = await readRetained(server, retainedFile);
      retained.push([(performance.now() - startedAt) / 1000, r.retainedMb]);
      retainedSamples.push(`${Math.round(r.retainedMb)}/${Math.round(r.rssMb)}`);
    };
    let loadDone = false;
    // Settles with the error, if any, so a failed reading does not go unhandled mid-run.
    const retainedReader = (async () => {
      while (!loadDone) {
        await sleep(10_000);
        if (warmed && !loadDone) await readRetainedNow();
      }
    })().then(
      () => null,
      (e: unknown) => e,
    );
    const worker = async () => {
      while (performance.now() < endAt) {
        if (!warmed && performance.now() - startedAt >= warmUpMs) {
          warmed = true;
          measure();
        }
        const action = chooseAction();
        const t0 = performance.now();
        try {
          const res = await action.run(ctx.pick(players), ctx);
          if (!res) continue;
          latencies.push(performance.now() - t0);
          byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
          const text = await res.text();
          if (res.status >= 500 && samples5xx.length < 10)
            samples5xx.push(`${action.name} ${res.status} ${text.slice(0, 200)}`);
          if (res.status >= 400 && res.status < 500) {
            const code = /"code":"([^"]+)"/.exec(text)?.[1] ?? String(res.status);
            refusals[`${action.name}: ${code}`] = (refusals[`${action.name}: ${code}`] ?? 0) + 1;
          }
        } catch (err) {
          failures++;
          if (samples5xx.length < 10) samples5xx.push(`${action.name} failed: ${String(err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    loadDone = true;
    clearInterval(sampler);
    clearInterval(fineSampler);
    measure();
    const readerFailed = await retainedReader;
    if (readerFailed) throw readerFailed;
    await readRetainedNow();
    const line = fitLine(measured);
    const rssStart = line.at(warmUpMs / 1000);
    const rssEnd = line.at(opts.seconds);
    const retainedLine = fitLine(retained);
    const retainedStart = retainedLine.at(warmUpMs / 1000);
    const retainedEnd = retainedLine.at(opts.seconds);
    latencies.sort((x, y) => x - y);
    const problems = await runIntegrityChecks(db.db);
    return {
      seconds: opts.seconds,
      requests: latencies.length,
      byStatus,
      errors5xx: Object.entries(byStatus)
        .filter(([s]) => Number(s) >= 500)
        .reduce((n, [, c]) => n + c, 0),
      failures,
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      rssStartMb: Math.round(rssStart),
      rssEndMb: Math.round(rssEnd),
      rssGrowth: rssStart ? (rssEnd - rssStart) / rssStart : 0,
      retainedStartMb: Math.round(retainedStart),
      retainedEndMb: Math.round(retainedEnd),
      retainedGrowth: retainedStart ? (retainedEnd - retainedStart) / retainedStart : 0,
      retainedSamples,
      invariantViolations: problems.map((p) => `${p.check}: ${p.detail}`),
      samples5xx,
      refusals,
      rssSamples,
      ...(failures > 0 || samples5xx.length > 0 ? { serverLog: server.output().slice(-4000) } : {}),
    };
  } finally {
    await server.stop();
    await fakes.stop();
    await db.close();
    await pg.drop();
  }
}
