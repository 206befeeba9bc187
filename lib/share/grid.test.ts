import { describe, expect, it } from "vitest";
import { shareText } from "./grid";

describe("share grid", () => {
  it("spells the day as the issue shows it, with no symbol or price", () => {
    expect(
      shareText({
        day: "2026-12-01",
        calls: [
          { choice: "UP", status: "CORRECT" },
          { choice: "DOWN", status: "CORRECT" },
          { choice: "UP", status: "INCORRECT" },
        ],
        correct: 2,
        settled: 3,
        points: 100,
        streak: 12,
      }),
    ).toBe("OX Universe 12/01 ⭕✅ ❌✅ ⭕❌ 2/3 +100P 🔥12");
  });

  it("shows a void call as a blank outcome and leaves out a streak of 0", () => {
    expect(
      shareText({
        day: "2026-01-05",
        calls: [{ choice: "DOWN", status: "VOID" }],
        correct: 0,
        settled: 1,
        points: 0,
        streak: 0,
      }),
    ).toBe("OX Universe 01/05 ❌⬜ 0/1 +0P");
  });
});
