/**
 * `npm run soak`: mixed player and admin load on a production build on PostgreSQL (loopback,
 * bounded concurrency). SOAK_SECONDS (600), SOAK_PLAYERS (40), SOAK_CONCURRENCY (16), SOAK_PORT
 * (4400), TEST_PG_URL. Builds first when there is no build. Exits 1 on any 5xx, failed request,
 * broken invariant or growth of 10 % or more, after the warm-up, of the memory the server holds
 * after a full garbage collection.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runSoak } from "../tests/support/soak";

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
if (!fs.existsSync(path.join(distDir, "BUILD_ID")))
  execFileSync("npx", ["next", "build"], { stdio: "inherit" });

const report = await runSoak({
  seconds: Number(process.env.SOAK_SECONDS ?? 600),
  players: Number(process.env.SOAK_PLAYERS ?? 40),
  concurrency: Number(process.env.SOAK_CONCURRENCY ?? 16),
  port: Number(process.env.SOAK_PORT ?? 4400),
  log: console.log,
});
console.log(`requests ${report.requests}`);
console.log(`status ${JSON.stringify(report.byStatus)}`);
console.log(`5xx ${report.errors5xx}`);
console.log(`failed_requests ${report.failures}`);
console.log(`p50_ms ${report.p50Ms}`);
console.log(`p99_ms ${report.p99Ms}`);
console.log(`rss_start_mb ${report.rssStartMb}`);
console.log(`rss_end_mb ${report.rssEndMb}`);
console.log(`rss_growth_pct ${(report.rssGrowth * 100).toFixed(1)}`);
console.log(`retained_start_mb ${report.retainedStartMb}`);
console.log(`retained_end_mb ${report.retainedEndMb}`);
console.log(`retained_growth_pct ${(report.retainedGrowth * 100).toFixed(1)}`);
console.log(`invariant_violations ${report.invariantViolations.length}`);
for (const s of [...report.samples5xx, ...report.invariantViolations]) console.log(`  ${s}`);
const ok =
  report.errors5xx === 0 &&
  report.failures === 0 &&
  report.invariantViolations.length === 0 &&
  report.retainedGrowth < 0.1;
process.exit(ok ? 0 : 1);
