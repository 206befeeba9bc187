/**
 * The parts that need the running app: one seeded database, one `next start` on it; the SQL
 * capture and pgbench on a copy taken before the load.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  cookie,
  cookiesFor,
  createDatabase,
  DAY1_CLOCK,
  DAY2_OPEN,
  PLAYERS,
  seedGame,
  startServer,
  SYMBOLS,
  type BenchServer,
} from "./app";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { METRICS, PERIODS, periodStartOf } from "@/lib/loop/periods";
import { round, type Figures } from "./figures";
import {
  alternating,
  burst,
  closedLoop,
  openLoop,
  send,
  target,
  type Req,
  type Summary,
  type Target,
} from "./load";
import { lineCount, pgbenchPath, pgbenchScript, readStatements, runPgbench } from "./pgbench";
import { profileDir, summarizeProfile } from "./profile";
import { upstreamFigures } from "./upstream";

export const SERVER_PARTS = ["submit", "board", "leaderboard", "burst", "upstream", "profile"];

const PORT = Number(process.env.BENCH_PORT ?? 4040);
const SUBMIT_CONNECTIONS = 64;
const BOARD_CONNECTIONS = 16;
/** Players on every leaderboard of LEADERBOARD_DAY (the spec's 100k: the game's 20k and more). */
const LEADERBOARD_PLAYERS = 100_000;
const LEADERBOARD_DAY = "2026-11-30";
const BURST_PLAYERS = 2_000;
const BURST_SOCKETS = 500;
/** Baseline and figure alternate in rounds, so the machine's changing load falls on both. */
const ROUNDS = (short: boolean) => (short ? 1 : 3);
/** The app's pool for this run (DB_POOL_SIZE); unset: the app's default. */
const POOL = process.env.BENCH_DB_POOL_SIZE;

type Ctx = { short: boolean; log: (s: string) => void; figures: Figures };

const submitReq = (origin: string, player: number, symbol: string, choice = "UP"): Req => ({
  method: "POST",
  path: "/api/predictions",
  headers: { cookie: cookie(player), origin, "content-type": "application/json" },
  body: JSON.stringify({ symbol, choice }),
});

/** Fresh (player, symbol) pairs of day 1, for the whole run: every player's first call, then second, then third. */
let nextCall = 0;
function submits(origin: string) {
  return (): Req | null => {
    const i = nextCall++;
    if (i >= PLAYERS * 3) return null;
    const player = (i % PLAYERS) + 1;
    const k = Math.floor(i / PLAYERS);
    return submitReq(origin, player, SYMBOLS[(player + k * 37) % SYMBOLS.length]!, i % 2 ? "UP" : "DOWN");
  };
}

function check(name: string, s: Summary, ok: number, log: (s: string) => void): void {
  const bad = Object.entries(s.byStatus).filter(([k]) => Number(k) !== ok);
  log(
    `  ${name}: ${round(s.rps, 1)} req/s, p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms, max ${round(s.max, 0)} ms, ${JSON.stringify(s.byStatus)}`,
  );
  if (bad.length) log(`  ! ${name}: unexpected answers ${JSON.stringify(bad)} ${s.samples.join(" | ")}`);
}

export async function runServerParts(parts: string[], ctx: Ctx): Promise<void> {
  const { log, figures, short } = ctx;
  const seconds = short ? 4 : 15;
  const warmup = short ? 1 : 3;
  const database = await createDatabase("oxu_bench");
  let server: BenchServer | undefined;
  try {
    log(`seeding ${PLAYERS.toLocaleString("en")} players on ${database.name}…`);
    const handle = database.open(4);
    await seedGame(handle, new Date(DAY1_CLOCK));
    if (parts.includes("leaderboard")) await seedLeaderboards(handle.db, log);
    await handle.close();
    const pgbenchUrl = parts.includes("submit") ? await database.copy("pgbench") : null;
    await cookiesFor(1, PLAYERS);

    if (pgbenchUrl) await capturedFloor(pgbenchUrl, ctx);

    server = await startServer(PORT, database.url, DAY1_CLOCK, POOL ? { DB_POOL_SIZE: POOL } : {});
    const origin = server.publicUrl;
    const t: Target = { ...target(server.baseUrl, 1024), cpuMs: server.cpuMs };
    // Warm the build's route bundles and the process caches before anything is timed.
    for (const p of ["/api/live", "/api/health", "/"])
      await send(t, { path: p, headers: { cookie: cookie(PLAYERS) } });
    const next = submits(origin);
    figures.set("rss_after_start_mb", server.rssPeakSinceMb());

    if (parts.includes("submit")) {
      log(
        `submit: trivial route vs POST /api/predictions, 64 connections, ${ROUNDS(short)} alternating rounds`,
      );
      const [trivial, submit] = await alternating(
        t,
        {
          connections: SUBMIT_CONNECTIONS,
          seconds,
          warmupSeconds: warmup,
          next: () => ({ path: "/api/live" }),
        },
        { connections: SUBMIT_CONNECTIONS, seconds, warmupSeconds: warmup, next },
        ROUNDS(short),
      );
      check("GET /api/live", trivial, 200, log);
      check("POST /api/predictions", submit, 201, log);
      figures.set("submit.rps", round(submit.rps, 1));
      figures.set("submit.p50_ms", round(submit.p50, 1));
      figures.set("submit.p99_ms", round(submit.p99, 1));
      figures.set("submit.trivial_route_rps", round(trivial.rps, 1));
      figures.set("submit.ratio_to_trivial_route", round(submit.rps / trivial.rps));
      const pg = figures.get("submit.pgbench_tps");
      if (typeof pg === "number") figures.set("submit.ratio_to_pgbench", round(submit.rps / pg));

      log("submit: a steady 200 req/s (open loop), /api/health at the same rate as the baseline");
      const rateSeconds = short ? 5 : 15;
      const health = await openLoop(t, {
        rate: 200,
        seconds: rateSeconds,
        next: () => ({ path: "/api/health" }),
      });
      check("GET /api/health @200", health, 200, log);
      const steady = await openLoop(t, { rate: 200, seconds: rateSeconds, next });
      check("POST /api/predictions @200", steady, 201, log);
      figures.set("submit.p99_ms_at_200rps", round(steady.p99, 1));
      figures.set("health.p99_ms_at_200rps", round(health.p99, 1));
      figures.set("submit.errors", errors(submit, 201) + errors(steady, 201));
      figures.set("submit.rss_peak_mb", server.rssPeakSinceMb());
    }

    if (parts.includes("board")) {
      log("board: GET / signed in vs GET /api/health, 16 connections");
      let i = 0;
      const [health, board] = await alternating(
        t,
        {
          connections: BOARD_CONNECTIONS,
          seconds,
          warmupSeconds: warmup,
          next: () => ({ path: "/api/health" }),
        },
        {
          connections: BOARD_CONNECTIONS,
          seconds,
          warmupSeconds: warmup,
          next: () => ({ path: "/", headers: { cookie: cookie((i++ % 1000) + 1) } }),
        },
        ROUNDS(short),
      );
      check("GET /api/health", health, 200, log);
      check("GET /", board, 200, log);
      figures.set("board.p50_ms", round(board.p50, 1));
      figures.set("board.health_p50_ms", round(health.p50, 1));
      figures.set("board.ratio_to_health", round(board.p50 / health.p50));
      figures.set("board.cpu_ms_per_request", round(board.cpuMsPerRequest ?? 0));
      figures.set(
        "board.cpu_ratio_to_health",
        round((board.cpuMsPerRequest ?? 0) / (health.cpuMsPerRequest || 1)),
      );
      figures.set("board.rss_peak_mb", server.rssPeakSinceMb());
    }

    if (parts.includes("leaderboard")) {
      log(
        `leaderboard: GET /leaderboard signed in (${LEADERBOARD_PLAYERS.toLocaleString("en")} players in every period) vs GET /api/health, ${BOARD_CONNECTIONS} connections`,
      );
      let i = 0;
      const boards = PERIODS.flatMap((period) => METRICS.map((by) => `period=${period}&by=${by}`));
      const page = (api: boolean) => (): Req => {
        const n = i++;
        const query = `${boards[n % boards.length]}&day=${LEADERBOARD_DAY}`;
        return {
          path: api ? `/api/leaderboard?${query}` : `/leaderboard?${query}`,
          headers: { cookie: cookie((n % PLAYERS) + 1) },
        };
      };
      const load = (next: () => Req) => ({
        connections: BOARD_CONNECTIONS,
        seconds,
        warmupSeconds: warmup,
        next,
      });
      const [health, board] = await alternating(
        t,
        load(() => ({ path: "/api/health" })),
        load(page(false)),
        ROUNDS(short),
      );
      const [healthApi, api] = await alternating(
        t,
        load(() => ({ path: "/api/health" })),
        load(page(true)),
        ROUNDS(short),
      );
      // The floor of any page: /rules (text only, no query) under the same layout, signed in.
      const [healthFloor, floor] = await alternating(
        t,
        load(() => ({ path: "/api/health" })),
        load(() => ({ path: "/rules", headers: { cookie: cookie((i++ % PLAYERS) + 1) } })),
        ROUNDS(short),
      );
      check("GET /api/health", healthFloor, 200, log);
      check("GET /rules", floor, 200, log);
      figures.set("page_floor.p99_ms", round(floor.p99, 1));
      figures.set("page_floor.ratio_to_health", round(floor.p99 / healthFloor.p99));
      // The work per request, which the machine's load does not move as it moves a p99.
      figures.set("health.cpu_ms_per_request", round(healthFloor.cpuMsPerRequest ?? 0));
      figures.set("page_floor.cpu_ms_per_request", round(floor.cpuMsPerRequest ?? 0));
      check("GET /api/health", health, 200, log);
      check("GET /leaderboard", board, 200, log);
      check("GET /api/health", healthApi, 200, log);
      check("GET /api/leaderboard", api, 200, log);
      figures.set("leaderboard.p50_ms", round(board.p50, 1));
      figures.set("leaderboard.p99_ms", round(board.p99, 1));
      figures.set("leaderboard.health_p99_ms", round(health.p99, 1));
      figures.set("leaderboard.ratio_to_health", round(board.p99 / health.p99));
      figures.set("leaderboard.cpu_ms_per_request", round(board.cpuMsPerRequest ?? 0));
      figures.set(
        "leaderboard.cpu_ratio_to_health",
        round((board.cpuMsPerRequest ?? 0) / (health.cpuMsPerRequest || 1)),
      );
      figures.set("leaderboard.api_cpu_ms_per_request", round(api.cpuMsPerRequest ?? 0));
      figures.set("leaderboard.api_p99_ms", round(api.p99, 1));
      figures.set("leaderboard.api_ratio_to_health", round(api.p99 / healthApi.p99));
    }

    if (parts.includes("burst")) {
      log(
        `burst: ${BURST_PLAYERS} players × 3 calls at the 06:00 open of day 2, through ${BURST_SOCKETS} sockets`,
      );
      const moved = await send(
        t,
        {
          method: "POST",
          path: "/api/test/clock",
          headers: { origin, "content-type": "application/json" },
          body: JSON.stringify({ at: DAY2_OPEN }),
        },
        { keepBody: true },
      );
      if (moved.status !== 200) throw new Error(`could not move the clock: ${moved.status} ${moved.body}`);
      const reqs: Req[] = [];
      for (let k = 0; k < 3; k++)
        for (let p = 1; p <= BURST_PLAYERS; p++)
          reqs.push(submitReq(origin, p, SYMBOLS[(p + k * 37) % SYMBOLS.length]!));
      const b = await burst(target(server.baseUrl, BURST_SOCKETS), reqs);
      check("burst", b, 201, log);
      figures.set("burst.requests", b.requests);
      figures.set("burst.errors", errors(b, 201));
      figures.set("burst.p99_ms", round(b.p99, 0));
      figures.set("burst.max_ms", round(b.max, 0));
      figures.set("burst.rps", round(b.rps, 1));
      const steady = figures.get("submit.rps");
      if (typeof steady === "number") figures.set("burst.ratio_to_steady", round(b.rps / steady));
      figures.set("burst.rss_peak_mb", server.rssPeakSinceMb());
    }
    figures.set("rss_peak_mb", server.rssPeakMb());
    server.stopSampling();
    await server.stop();
    server = undefined;

    if (parts.includes("profile"))
      await profiledSubmits(database.url, ctx).catch((e: unknown) => log(`  ! profile failed: ${String(e)}`));
    if (parts.includes("upstream")) await upstreamFigures(database.url, ctx);
  } finally {
    server?.stopSampling();
    await server?.stop();
    await database.drop();
  }
}

function errors(s: Summary, ok: number): number {
  return Object.entries(s.byStatus)
    .filter(([k]) => Number(k) !== ok)
    .reduce((n, [, c]) => n + c, 0);
}

/**
 * The SQL of one warm submit, captured from the server itself (DB_STATEMENT_LOG) on the pgbench
 * copy, then replayed by pgbench there at the submit's 64 connections.
 */
async function capturedFloor(url: string, ctx: Ctx): Promise<void> {
  const { log, figures, short } = ctx;
  const logFile = path.join(os.tmpdir(), `oxu-bench-sql-${process.pid}.jsonl`);
  fs.rmSync(logFile, { force: true });
  const server = await startServer(PORT + 1, url, DAY1_CLOCK, { DB_STATEMENT_LOG: logFile });
  let statements;
  const captured = PLAYERS;
  try {
    const t = target(server.baseUrl, 4);
    // Two players warm the process (caches, prepared statements, the quote); the third is measured.
    for (const p of [captured - 2, captured - 1]) await send(t, submitReq(server.publicUrl, p, "NVDA"));
    const before = lineCount(logFile);
    const r = await send(t, submitReq(server.publicUrl, captured, "NVDA"), { keepBody: true });
    if (r.status !== 201) throw new Error(`capture submit answered ${r.status}: ${r.body}`);
    await new Promise((res) => setTimeout(res, 200));
    statements = readStatements(logFile, before);
  } finally {
    await server.stop();
    fs.rmSync(logFile, { force: true });
  }
  figures.set("submit.round_trips", statements.length);
  figures.set("submit.commits", statements.filter((s) => /^\s*commit\b/i.test(s.query)).length);
  log(`submit: ${statements.length} statements per warm submit:`);
  for (const s of statements) log(`    ${s.query.replace(/\s+/g, " ").slice(0, 150)}`);
  const bin = pgbenchPath();
  if (!bin) {
    log(
      "  ! pgbench is missing: install it (Debian: apt-get install postgresql-client) for submit.ratio_to_pgbench",
    );
    figures.set("submit.pgbench_tps", "missing (apt-get install postgresql-client)");
    figures.set("submit.ratio_to_pgbench", "missing pgbench");
    return;
  }
  const script = await pgbenchScript(url, statements, captured);
  const { tps } = runPgbench(bin, url, script, { clients: 64, seconds: short ? 4 : 10 });
  log(`  pgbench of those statements, 64 clients: ${round(tps, 0)} tps`);
  figures.set("submit.pgbench_tps", round(tps, 0));
}

/** The submit load again, on a server running under `node --cpu-prof`; prints where its CPU went. */
async function profiledSubmits(url: string, ctx: Ctx): Promise<void> {
  const dir = profileDir();
  const hook = path.join(path.dirname(new URL(import.meta.url).pathname), "cpu-profile-hook.mjs");
  const server = await startServer(PORT + 3, url, DAY1_CLOCK, {
    NODE_OPTIONS: `--import=${hook}`,
    BENCH_CPU_PROFILE_DIR: dir,
  });
  try {
    const t = target(server.baseUrl, 1024);
    ctx.log(`profile: POST /api/predictions, ${SUBMIT_CONNECTIONS} connections, under the CPU profiler`);
    const next = submits(server.publicUrl);
    await closedLoop(t, { connections: SUBMIT_CONNECTIONS, seconds: 3, next });
    // The profiler starts now, after start-up and the warm-up (cpu-profile-hook.mjs).
    for (const pid of groupPids(server.pid)) process.kill(pid, "SIGUSR2");
    const s = await closedLoop(t, { connections: SUBMIT_CONNECTIONS, seconds: ctx.short ? 5 : 15, next });
    check("POST /api/predictions (profiled)", s, 201, ctx.log);
  } finally {
    await server.stop();
  }
  for (const line of summarizeProfile(dir)) ctx.log(line);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every process of the server's process group (next start and the next-server it may spawn). */
function groupPids(pgid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * Every leaderboard of LEADERBOARD_DAY with LEADERBOARD_PLAYERS players (the game's players
 * first, then more without a session), as recorded days would leave them: correct, incorrect
 * and void spread by hashes (many ties), a few hidden.
 */
async function seedLeaderboards(db: Database, log: (s: string) => void): Promise<void> {
  log(`seeding the leaderboards of ${LEADERBOARD_DAY}: ${LEADERBOARD_PLAYERS.toLocaleString("en")} players…`);
  await db.execute(sql`insert into users (nickname)
    select 'board' || g from generate_series(${PLAYERS + 1}::int, ${LEADERBOARD_PLAYERS}::int) g`);
  for (const period of PERIODS) {
    const start = periodStartOf(period, LEADERBOARD_DAY);
    const scale = { day: 1, week: 5, month: 21, all: 120 }[period];
    await db.execute(sql`
      insert into player_stats (period, period_start, user_id, settled, correct, incorrect, void, points, always_o, crowd_correct, hidden, updated_at)
      select ${period}, ${start}::date, id, c + i + v, c, i, v, c * 50, least(c + i, (c + i) / 2 + h % 3), (c + i) / 2, h % 100 = 0, now()
      from (select id, h, (h % (3 * ${scale}::int + 1))::int as c, ((h / 7) % (3 * ${scale}::int + 1))::int as i, ((h / 13) % 2)::int as v
            from (select id, abs(hashtext(id::text)) as h from users) x) y`);
  }
  await db.execute(sql`insert into loop_days (trading_day, players, recorded_at)
    values (${LEADERBOARD_DAY}, ${LEADERBOARD_PLAYERS}, now())`);
  await db.execute(sql`vacuum analyze player_stats`);
}
