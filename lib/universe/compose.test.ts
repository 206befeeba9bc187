import { describe, expect, it } from "vitest";
import { composeUniverse, DEFAULT_POLICY, type UniversePolicy } from "./compose";
import { DEFAULT_SYMBOLS } from "./default-list";

const policy = (p: Partial<UniversePolicy>): UniversePolicy => ({ ...DEFAULT_POLICY, ...p });

describe("composeUniverse", () => {
  it("keeps yesterday's list by default, pins first, exclusions out, each symbol once", () => {
    const c = composeUniverse(policy({ pinned: ["TSLA", "ZM"], excluded: ["AMD"] }), {
      previous: ["NVDA", "AMD", "TSLA", "AAPL"],
      mostActive: null,
    });
    expect(c.symbols).toEqual(["TSLA", "ZM", "NVDA", "AAPL"]);
    expect(c.chosenBy).toEqual({
      pinned: ["TSLA", "ZM"],
      previous: ["NVDA", "AAPL"],
      default: [],
      most_active: [],
    });
    expect(c.fellBackTo).toBeUndefined();
  });

  it("keep without a previous list takes the default list", () => {
    const c = composeUniverse(policy({}), { previous: [], mostActive: null });
    expect(c.symbols).toEqual([...DEFAULT_SYMBOLS]);
    expect(c.fellBackTo).toBe("default");
  });

  it("the default rule ignores yesterday", () => {
    const c = composeUniverse(policy({ rule: "DEFAULT", excluded: ["SPY"] }), {
      previous: ["ZM"],
      mostActive: ["F"],
    });
    expect(c.symbols).toEqual(DEFAULT_SYMBOLS.filter((s) => s !== "SPY"));
    expect(c.chosenBy.default).toHaveLength(100);
  });

  it("most active takes `size` symbols, pins included, in the provider's order", () => {
    const c = composeUniverse(policy({ rule: "MOST_ACTIVE", size: 4, pinned: ["SPY"], excluded: ["F"] }), {
      previous: ["NVDA"],
      mostActive: ["NVDA", "F", "INTC", "SPY", "PLTR", "AAPL"],
    });
    expect(c.symbols).toEqual(["SPY", "NVDA", "INTC", "PLTR"]);
    expect(c.chosenBy.most_active).toEqual(["NVDA", "INTC", "PLTR"]);
  });

  it("most active without an answer falls back to yesterday, then to the default list", () => {
    const down = composeUniverse(policy({ rule: "MOST_ACTIVE", size: 3 }), {
      previous: ["NVDA", "AMD", "TSLA", "AAPL"],
      mostActive: null,
    });
    expect(down).toMatchObject({ symbols: ["NVDA", "AMD", "TSLA"], fellBackTo: "previous" });
    const first = composeUniverse(policy({ rule: "MOST_ACTIVE", size: 2 }), { previous: [], mostActive: [] });
    expect(first).toMatchObject({ symbols: DEFAULT_SYMBOLS.slice(0, 2), fellBackTo: "default" });
  });

  it("pins beyond `size` all stay; at most 200 symbols; malformed ones never", () => {
    const pinned = ["A", "B", "C"];
    expect(
      composeUniverse(policy({ rule: "MOST_ACTIVE", size: 2, pinned }), { previous: [], mostActive: ["X"] })
        .symbols,
    ).toEqual(pinned);
    const many = Array.from({ length: 300 }, (_, i) => `S${i}`);
    expect(
      composeUniverse(policy({}), { previous: [...many, "bad one"], mostActive: null }).symbols,
    ).toHaveLength(200);
  });

  it("never empty: everything excluded leaves the default list's first symbol", () => {
    const c = composeUniverse(policy({ excluded: [...DEFAULT_SYMBOLS, "ZM"] }), {
      previous: ["ZM"],
      mostActive: null,
    });
    expect(c.symbols).toEqual([DEFAULT_SYMBOLS[0]]);
  });
});
