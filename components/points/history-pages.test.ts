import { describe, expect, it } from "vitest";
import { historyLinks, parseHistoryPage } from "./history-pages";

describe("points history pages", () => {
  it("the first page has no cursor and links only to older entries", () => {
    const page = parseHistoryPage({});
    expect(page).toEqual({ cursor: undefined, trail: [] });
    expect(historyLinks("/me/points", page, 81)).toEqual({ newer: null, older: "/me/points?cursor=81" });
  });

  it("walks older and back newer through the trail", () => {
    const second = parseHistoryPage({ cursor: "81" });
    expect(historyLinks("/me/points", second, 61)).toEqual({
      newer: "/me/points",
      older: "/me/points?cursor=61&trail=81",
    });
    const third = parseHistoryPage({ cursor: "61", trail: "81" });
    expect(third).toEqual({ cursor: 61, trail: [81] });
    expect(historyLinks("/me/points", third, null)).toEqual({ newer: "/me/points?cursor=81", older: null });
  });

  it.each([
    { cursor: "-1" },
    { cursor: "abc" },
    { cursor: "1.5" },
    { cursor: "5", trail: "1,,2" },
    { cursor: "5", trail: "x" },
    { cursor: ["3", "4"], trail: "9".repeat(40) },
  ])("malformed %j → first page", (params) => {
    expect(parseHistoryPage(params)).toEqual({ cursor: undefined, trail: [] });
  });
});
