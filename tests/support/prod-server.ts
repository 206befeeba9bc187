import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * A production build (`next build` first) served by `next start` on a port of our choosing,
 * on PostgreSQL (`databaseUrl`) or a fresh embedded folder (`pgliteDir`). The server runs in
 * its own process group, so `stop()` also ends the `next-server` child that `next start`
 * may leave behind. `rssBytes()` sums the resident memory of the whole group.
 *
 * Defaults: APP_ENV=test, simulated prices, no scheduler, quiet logs, PUBLIC_BASE_URL on
 * http://localhost:<port> (it listens on 127.0.0.1 only); `env` overrides or adds anything (an empty string unsets).
 */
export type ProdServerOptions = {
  port: number;
  databaseUrl?: string;
  pgliteDir?: string;
  env?: Record<string, string>;
  /** How long to wait for /api/health to answer 200 (default 60 s). */
  readyTimeoutMs?: number;
};

export type ProdServer = {
  /** Where to send requests (the server listens on 127.0.0.1 only). */
  baseUrl: string;
  /** The site's own origin (PUBLIC_BASE_URL): the Origin writes must carry, the URL callbacks are signed for. */
  publicUrl: string;
  pid: number;
  rssBytes: () => number;
  /** CPU time (user + system) of the server's process group so far, in ms. */
  cpuMs: () => number;
  /** The processes of the server's group (`next start` and any child it left). */
  pids: () => number[];
  output: () => string;
  stop: () => Promise<void>;
};

export const PROD_AUTH_SECRET = "prod-test-secret-prod-test-secret-prod-test-secret";

export function hasProductionBuild(root = process.cwd()): boolean {
  return fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"));
}

export async function startProdServer(opts: ProdServerOptions): Promise<ProdServer> {
  if (!hasProductionBuild()) throw new Error("No production build: run `npx next build` first.");
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const publicUrl = `http://localhost:${opts.port}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    APP_ENV: "test",
    AUTH_TRUST_HOST: "true",
    AUTH_SECRET: PROD_AUTH_SECRET,
    PUBLIC_BASE_URL: publicUrl,
    PRICE_PROVIDER: "simulated",
    SCHEDULER: "off",
    LOG_LEVEL: "warn",
    DEV_LOGIN: "0",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: opts.databaseUrl ?? "",
    PGLITE_DIR: opts.pgliteDir ?? path.join(".test-data", `prod-${opts.port}`, "pglite"),
    ...opts.env,
  };
  for (const [k, v] of Object.entries(env)) if (v === "") delete env[k];
  // Vitest's own variables would make the app think it is under test in-process.
  for (const k of Object.keys(env)) if (k.startsWith("VITEST") || k === "TEST") delete env[k];

  const child: ChildProcess = spawn(
    path.join("node_modules", ".bin", "next"),
    ["start", "-p", String(opts.port), "-H", "127.0.0.1", "--keepAliveTimeout", "65000"],
    {
      env: env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid!;

  const stop = async () => {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const killed = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
    ]);
    if (!killed) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start on ${baseUrl} was not healthy in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    baseUrl,
    publicUrl: env.PUBLIC_BASE_URL ?? publicUrl,
    pid,
    rssBytes: () => groupRssBytes(pid),
    cpuMs: () => groupCpuMs(pid),
    pids: () => groupPids(pid),
    output: () => out,
    stop,
  };
}

/**
 * The sum of `measure` over the live processes of a process group (Linux /proc): `fields` are
 * the /proc/<pid>/stat fields after the parenthesised command (state ppid pgrp …).
 */
function sumOverGroup(pgid: number, measure: (pid: string, fields: string[]) => number): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) total += measure(entry, fields);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}

/** The live processes of the group. */
export function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  sumOverGroup(pgid, (pid) => (pids.push(Number(pid)), 0));
  return pids;
}

/** User + system CPU time of the group's processes, in ms (utime and stime: clock ticks of 10 ms). */
export function groupCpuMs(pgid: number): number {
  return sumOverGroup(pgid, (_pid, f) => (Number(f[11]) + Number(f[12])) * 10);
}

/** Resident memory of every process in the group. */
export function groupRssBytes(pgid: number): number {
  return sumOverGroup(pgid, (pid) => {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) * 1024 : 0;
  });
}
