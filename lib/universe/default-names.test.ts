import { describe, expect, it } from "vitest";
import { DEFAULT_SYMBOLS } from "./default-list";
import { DEFAULT_NAMES } from "./default-names";

describe("Korean names of the default universe", () => {
  it("name every default symbol, and nothing else", () => {
    expect([...DEFAULT_NAMES.keys()].sort()).toEqual([...DEFAULT_SYMBOLS].sort());
    for (const [symbol, { ko }] of DEFAULT_NAMES) expect(ko.trim(), symbol).not.toBe("");
  });
});
