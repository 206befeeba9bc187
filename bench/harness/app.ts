/**
 * The application under test: a production build (built here when the sources are newer than
 * it), a PostgreSQL database of its own with 20k players, and `next start` on it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { openSession } from "@/lib/sessions/transitions";
import { upsertUniverse, DEFAULT_SYMBOLS } from "@/lib/universe";
import { PROD_AUTH_SECRET, startProdServer, type ProdServer } from "@/tests/support/prod-server";

export const BENCH_PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const PLAYERS = 20_000;
/** The steady load plays day 1 at 10:00 KST; the burst plays day 2 from its 06:00 open. */
export const DAY1 = "2026-12-01";
export const DAY2 = "2026-12-02";
export const DAY1_CLOCK = "2026-12-01T10:00:00+09:00";
export const DAY2_OPEN = "2026-12-02T06:00:00+09:00";
export const SYMBOLS = [...DEFAULT_SYMBOLS];
const SESSION_COOKIE = "authjs.session-token";

const ROOT = process.cwd();
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "db",
  "messages",
  "public",
  "auth.ts",
  "auth.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const e of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** `next build` unless .next/BUILD_ID is newer than every source the build reads. */
export function ensureBuild(log: (s: string) => void): void {
  const id = path.join(ROOT, ".next", "BUILD_ID");
  const built = fs.existsSync(id) ? fs.statSync(id).mtimeMs : 0;
  const sources = Math.max(...BUILD_INPUTS.map(newestMtime));
  if (built >= sources) return log("production build is up to date");
  log("building the app (next build)…");
  const r = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build failed");
}

/** A fresh database on the BENCH_PG_URL server; `drop()` removes it (and its copies). */
export async function createDatabase(prefix: string) {
  const name = `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const admin = postgres(BENCH_PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const urlOf = (db: string) => {
    const u = new URL(BENCH_PG_URL);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const copies: string[] = [];
  return {
    name,
    url: urlOf(name),
    open: (poolSize = 4): DbHandle =>
      openDb({ url: urlOf(name), poolSize, timeouts: { statementMs: 0, silenceMs: 0 } }),
    /** A byte-for-byte copy (CREATE DATABASE … TEMPLATE): nobody may be connected to the original. */
    copy: async (suffix: string) => {
      const copy = `${name}_${suffix}`;
      await admin.unsafe(`create database ${copy} template ${name}`);
      copies.push(copy);
      return urlOf(copy);
    },
    drop: async () => {
      for (const db of [...copies, name]) await admin.unsafe(`drop database if exists ${db} with (force)`);
      await admin.end();
    },
  };
}

/** Deterministic ids, so pgbench can name a player from a number: …-4000-8000-1000000NNNNN. */
export const playerId = (n: number) => `00000000-0000-4000-8000-${String(100_000_000_000 + n)}`;
export const sessionId = (n: number) => `00000000-0000-4000-9000-${String(100_000_000_000 + n)}`;

/** 20k players, each signed in once (an open `user_sessions` row); both days' universes and sessions. */
export async function seedGame(handle: DbHandle, now: Date): Promise<void> {
  const db = handle.db;
  await migrateDb(handle);
  await db.execute(sql`insert into users (id, nickname)
    select ('00000000-0000-4000-8000-' || (100000000000 + g)::text)::uuid, 'bench' || g
    from generate_series(1, ${PLAYERS}::int) g`);
  await db.execute(sql`insert into user_sessions (id, user_id, provider)
    select ('00000000-0000-4000-9000-' || (100000000000 + g)::text)::uuid,
           ('00000000-0000-4000-8000-' || (100000000000 + g)::text)::uuid, 'bench'
    from generate_series(1, ${PLAYERS}::int) g`);
  for (const day of [DAY1, DAY2]) {
    await upsertUniverse(db, { tradingDay: day, now });
    await openSession(db, { tradingDay: day, now });
  }
  await db.execute(sql`analyze`);
}

const cookies = new Map<number, string>();

/** The session cookie of player n, made by the app's own encoder (Auth.js `encode`), as a sign-in would. */
export async function cookieOf(n: number): Promise<string> {
  let c = cookies.get(n);
  if (!c) {
    const token = await encode({
      token: { sub: playerId(n), uid: playerId(n), sid: sessionId(n) },
      secret: PROD_AUTH_SECRET,
      salt: SESSION_COOKIE,
      maxAge: 24 * 3600,
    });
    c = `${SESSION_COOKIE}=${token}`;
    cookies.set(n, c);
  }
  return c;
}

export async function cookiesFor(from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) await cookieOf(n);
}

export const cookie = (n: number) => cookies.get(n)!;

export type BenchServer = ProdServer & {
  /** The highest RSS of the server's process group since start. */
  rssPeakMb: () => number;
  /** The highest RSS since the last call of this (per part). */
  rssPeakSinceMb: () => number;
  stopSampling: () => void;
};

/** `next start` on the bench database, its clock at `clock`, limits opened wide, RSS sampled every 250 ms. */
export async function startServer(
  port: number,
  databaseUrl: string,
  clock: string,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  const server = await startProdServer({
    port,
    databaseUrl,
    env: {
      TEST_CLOCK_START: clock,
      TEST_CLOCK_CONTROL: "1",
      SCHEDULER: "off",
      LOG_LEVEL: "error",
      RATE_LIMIT_PREDICTIONS_PER_MINUTE: "100000",
      RATE_LIMIT_PUBLIC_READS_PER_MINUTE: "10000000",
      ...extraEnv,
    },
  });
  let peak = 0;
  let partPeak = 0;
  const timer = setInterval(() => {
    const rss = server.rssBytes();
    peak = Math.max(peak, rss);
    partPeak = Math.max(partPeak, rss);
  }, 250);
  timer.unref();
  return {
    ...server,
    rssPeakMb: () => Math.round(Math.max(peak, server.rssBytes()) / 1024 / 1024),
    rssPeakSinceMb: () => {
      const mb = Math.round(Math.max(partPeak, server.rssBytes()) / 1024 / 1024);
      partPeak = 0;
      return mb;
    },
    stopSampling: () => clearInterval(timer),
  };
}
