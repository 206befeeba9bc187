/**
 * `npm run bench [-- <part>…] [--short] [--json]`: the launch-day figures of docs/performance.md,
 * each beside a baseline measured in the same run (the machine is shared and noisy; the ratio
 * is what counts).
 *
 * Builds the app when its sources are newer than the build, creates a database of its own on
 * BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test; dropped at the end), seeds 20k
 * signed-in players and starts `next start` on it. Parts: bundle, submit (with pgbench of the
 * captured SQL), board, leaderboard (100k players on every board: the page and its JSON route
 * against /api/health, by p99), burst, upstream, settle; and the older single-figure scripts in bench/
 * (predictions-burst, rewards-redeem, prices-simulated, settlement-bench), by name or in a full run;
 * `profile` (by name only) runs the submit load once more under `node --cpu-prof` and prints
 * where the server's CPU went.
 * `--short` runs every part briefly (seconds instead of tens of seconds, settlement at 200k only,
 * no older scripts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BENCH_PG_URL, ensureBuild } from "./harness/app";
import { loggedFigures, printFigures, type Figures } from "./harness/figures";
import { runServerParts, SERVER_PARTS } from "./harness/parts";
import { settleFigure } from "./harness/settle";
import { gzipKbOf } from "./harness/bundle";
import { round } from "./harness/figures";

const dir = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const json = args.includes("--json");
const short = args.includes("--short");
const only = args.filter((a) => !a.startsWith("--"));
const log = (s: string) => process.stderr.write(`${s}\n`);

const SCRIPTS = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && f !== "support.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const PARTS = ["bundle", ...SERVER_PARTS, "settle"];
const unknown = only.filter((o) => !PARTS.includes(o) && !SCRIPTS.includes(o));
if (unknown.length) {
  log(`unknown part(s): ${unknown.join(", ")}. Parts: ${[...PARTS, ...SCRIPTS].join(", ")}`);
  process.exit(2);
}
/** Asked for by name only: `profile` (the submit load under node --cpu-prof). */
const ON_REQUEST = ["profile"];
const wants = (p: string) => (only.length ? only.includes(p) : !ON_REQUEST.includes(p));

async function main() {
  const figures: Figures = loggedFigures(log);
  const started = performance.now();
  if (PARTS.some(wants)) ensureBuild(log);
  if (wants("bundle")) figures.set("js_root_gzip_kb", round(gzipKbOf("/"), 1));
  const serverParts = SERVER_PARTS.filter(wants);
  if (serverParts.length) await runServerParts(serverParts, { short, log, figures });
  if (wants("settle")) {
    for (const [name, calls] of [
      ["settle_200k", 200_000],
      ["settle_1m", 1_000_000],
    ] as const) {
      if (short && calls > 200_000) {
        figures.set(`${name}.ratio_to_bare_update`, "skipped (--short)");
        continue;
      }
      log(`settle: ${calls.toLocaleString("en")} calls, settleTradingDay vs one bare UPDATE`);
      const f = await settleFigure(calls, log);
      figures.set(`${name}.seconds`, round(f.seconds));
      figures.set(`${name}.bare_update_seconds`, round(f.bareSeconds));
      figures.set(`${name}.ratio_to_bare_update`, round(f.ratio));
    }
  }
  let failed = 0;
  for (const script of SCRIPTS.filter((s) => (only.length ? only.includes(s) : !short))) {
    log(`\n=== ${script}.ts`);
    const r = spawnSync("npx", ["tsx", "--conditions=react-server", path.join(dir, `${script}.ts`)], {
      stdio: ["ignore", json ? process.stderr : "inherit", "inherit"],
      env: { ...process.env, BENCH_PG_URL },
    });
    if (r.status !== 0) failed++;
  }
  if (figures.size) {
    log(`\nfigures (${round((performance.now() - started) / 1000, 0)} s):`);
    printFigures(figures, json);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
