/**
 * The browser budget (SPEC §15): at most 160 kB of gzipped first-load JavaScript on every
 * player page, read from the build's own bundle stats (`next build` writes
 * .next/diagnostics/route-bundle-stats.json; this project runs after the build).
 */
import { describe, expect, it } from "vitest";
import { routeBundles } from "../support/bundle-stats";

const BUDGET_BYTES = 160 * 1024;
const isPlayerPage = (route: string) => !route.startsWith("/admin");

describe("JavaScript per page", () => {
  const bundles = routeBundles();

  it("the stats list the pages", () => {
    expect(bundles.map((b) => b.route)).toContain("/");
    expect(bundles.length).toBeGreaterThan(10);
  });

  it("every player page loads at most 160 kB of gzipped JavaScript", () => {
    const table = bundles
      .map((b) => `${b.route.padEnd(24)} ${(b.gzipBytes / 1024).toFixed(1)} kB`)
      .join("\n");
    console.info(`first-load JS (gzip):\n${table}`);
    const over = bundles
      .filter((b) => isPlayerPage(b.route) && b.gzipBytes > BUDGET_BYTES)
      .map((b) => `${b.route}: ${(b.gzipBytes / 1024).toFixed(1)} kB`);
    expect(over).toEqual([]);
  });
});
