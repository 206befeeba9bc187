import { expect, it } from "vitest";
import { runSoak } from "../support/soak";
import { PROD_PORT, productionPrerequisites } from "./support";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);

/**
 * The CI variant of `npm run soak` (which runs as long as asked): three minutes of mixed load
 * (`SOAK_SECONDS`), no 5xx, no broken invariant, flat memory. Not shorter: at 75 s the warm-up
 * (half the run) ends while the heap is still growing to its working size, and RSS "grows" 19 %.
 */
const skip = await productionPrerequisites();

it.skipIf(skip)(
  `${SECONDS} s of mixed player and admin load`,
  { timeout: (SECONDS + 240) * 1000 },
  async () => {
    const report = await runSoak({
      seconds: SECONDS,
      players: 20,
      concurrency: 8,
      port: PROD_PORT + 40,
      log: console.log,
    });
    console.log(`soak: ${JSON.stringify(report)}`);
    // Every assertion carries the report, a fact a line: a CI log read from its tail still says why.
    const why = [
      "soak report:",
      `requests ${report.requests}, by status ${JSON.stringify(report.byStatus)}, failed ${report.failures}`,
      ...report.samples5xx.map((x) => `5xx/failed: ${x}`),
      `refusals ${JSON.stringify(report.refusals)}`,
      ...report.invariantViolations.map((x) => `invariant: ${x}`),
      `retained after a full collection ${report.retainedStartMb} → ${report.retainedEndMb} MB (growth ${(report.retainedGrowth * 100).toFixed(1)} %), readings (retained/rss) ${report.retainedSamples.join(" ")}`,
      `rss ${report.rssStartMb} → ${report.rssEndMb} MB (growth ${(report.rssGrowth * 100).toFixed(1)} %), samples ${report.rssSamples.join(" ")}`,
      ...(report.serverLog ?? "")
        .split("\n")
        .slice(-12)
        .map((l) => `server: ${l}`),
    ].join("\n");
    expect(report.requests, why).toBeGreaterThan(SECONDS * 5);
    expect(report.samples5xx, why).toEqual([]);
    expect(report.errors5xx, why).toBe(0);
    expect(report.failures, why).toBe(0);
    // The admin's calls were served (past the second factor), not refused.
    expect(
      Object.keys(report.refusals).filter((k) => k.startsWith("admin")),
      why,
    ).toEqual([]);
    expect(report.invariantViolations, why).toEqual([]);
    // A leak: memory that survives a full collection grows. (RSS without a collection also
    // moves with when the collector ran; it is reported, not judged.)
    expect(report.retainedGrowth, why).toBeLessThan(0.1);
  },
);
