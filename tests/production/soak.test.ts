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
    expect(report.requests).toBeGreaterThan(SECONDS * 5);
    expect(report.samples5xx).toEqual([]);
    expect(report.errors5xx).toBe(0);
    expect(report.failures).toBe(0);
    expect(report.invariantViolations).toEqual([]);
    expect(report.rssGrowth).toBeLessThan(0.1);
  },
);
