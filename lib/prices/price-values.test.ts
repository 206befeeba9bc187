import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balancedChunks, changePercent, normalizeSymbols, usablePrice } from "./price-values";

describe("usablePrice", () => {
  it.each([null, undefined, "12.5", Number.NaN, Infinity, -Infinity, 0, -0, -1, 1e-9, 1e13, {}])(
    "refuses %p",
    (v) => {
      expect(usablePrice(v)).toBeNull();
    },
  );

  it("keeps a positive finite price at storage precision", () => {
    expect(usablePrice(123.456789123)).toBe(123.456789);
    expect(usablePrice(0.0001)).toBe(0.0001);
    fc.assert(
      fc.property(fc.double({ min: 0.000001, max: 1e11, noNaN: true }), (p) => {
        const u = usablePrice(p);
        expect(u).not.toBeNull();
        expect(u!).toBeGreaterThan(0);
      }),
    );
  });
});

describe("symbols and chunks", () => {
  it("normalises symbols: trimmed, upper-case, unique, in order", () => {
    expect(normalizeSymbols([" aapl", "MSFT", "AAPL", "", "brk-b"])).toEqual(["AAPL", "MSFT", "BRK-B"]);
  });

  it("splits 101 symbols into 3 balanced chunks of at most 50", () => {
    const sizes = balancedChunks(
      Array.from({ length: 101 }, (_, i) => i),
      50,
    ).map((c) => c.length);
    expect(sizes).toEqual([34, 34, 33]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 120 }), (n, max) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const chunks = balancedChunks(items, max);
        expect(chunks.flat()).toEqual(items);
        expect(chunks.length).toBe(Math.ceil(n / max));
        for (const c of chunks) expect(c.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe("changePercent", () => {
  it("is the change from the previous close in percent, to two decimals", () => {
    expect(changePercent(110, 100)).toBe(10);
    expect(changePercent(99.5, 100)).toBe(-0.5);
    expect(changePercent(100, 300)).toBe(-66.67);
    expect(changePercent(100, 100)).toBe(0);
  });

  it("is null without a price or a previous close (never a division by zero)", () => {
    expect(changePercent(null, 100)).toBeNull();
    expect(changePercent(100, null)).toBeNull();
    expect(changePercent(100, 0)).toBeNull();
  });
});
