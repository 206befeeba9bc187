import { describe, expect, it } from "vitest";
import { nicknameProblem } from "./nickname-problem";

describe("nicknameProblem (localised form errors from the shared schema)", () => {
  it.each([
    ["Kim Jisoo", null],
    ["김지수", null],
    ["k", "tooShort"],
    ["   ", "tooShort"],
    ["x".repeat(21), "tooLong"],
    ["kim!", "characters"],
    ["аdmin", "characters"],
    ["Admin", "reserved"],
    ["관리자", "reserved"],
  ])("%j → %s", (raw, want) => {
    expect(nicknameProblem(raw)).toBe(want);
  });
});
