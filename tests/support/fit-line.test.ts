import { describe, expect, it } from "vitest";
import { fitLine } from "./fit-line";

describe("fitLine", () => {
  it("reads growth off a sawtooth as the trend, not as the last swing", () => {
    // Flat at 550 MB with ±25 MB swings: no growth, whatever the last reading.
    const flat = Array.from({ length: 45 }, (_, i) => [90 + 2 * i, 550 + (i % 2 ? 25 : -25)] as const);
    expect(Math.abs(fitLine(flat).at(180) - fitLine(flat).at(90))).toBeLessThan(5);
    // A leak of 1 MB a second under the same swings: ~90 MB over the 90 s.
    const leak = flat.map(([x, y]) => [x, y + (x - 90)] as const);
    expect(fitLine(leak).at(180) - fitLine(leak).at(90)).toBeCloseTo(90, -1);
  });

  it("one point is a flat line through it", () => {
    expect(fitLine([[3, 7]]).at(100)).toBe(7);
  });
});
