import { describe, expect, it } from "vitest";
import { markReadSchema, notificationPageSchema, notifySchema } from "./schemas";

const ID = "0b6f4c1e-8f3a-4d0e-9b7a-2f1e3c4d5a6b";

describe("notifySchema", () => {
  it("defaults the payload", () => {
    expect(notifySchema.parse({ userId: ID, kind: "redemption_issued" })).toEqual({
      userId: ID,
      kind: "redemption_issued",
      payload: {},
    });
  });
  it.each([
    ["bad kind", { userId: ID, kind: "Redemption Issued" }],
    ["bad user", { userId: "x", kind: "a_b" }],
    ["huge payload", { userId: ID, kind: "a_b", payload: { text: "x".repeat(5000) } }],
    ["unserialisable payload", { userId: ID, kind: "a_b", payload: { n: BigInt(1) } }],
    ["dedupe key with space", { userId: ID, kind: "a_b", dedupeKey: "a b c" }],
    ["unknown key", { userId: ID, kind: "a_b", readAt: new Date() }],
  ])("refuses %s", (_, value) => {
    expect(notifySchema.safeParse(value).success).toBe(false);
  });
});

describe("markReadSchema", () => {
  it("takes some ids or all", () => {
    expect(markReadSchema.parse({ ids: [ID] })).toEqual({ ids: [ID] });
    expect(markReadSchema.parse({ all: true })).toEqual({ all: true });
  });
  it.each([{}, { ids: [] }, { ids: ["x"] }, { all: false }, { all: true, ids: [ID] }])("refuses %j", (v) => {
    expect(markReadSchema.safeParse(v).success).toBe(false);
  });
});

describe("notificationPageSchema", () => {
  it("reads query-string values", () => {
    expect(notificationPageSchema.parse({ unread: "1", limit: "10" })).toEqual({ unread: true, limit: 10 });
    expect(notificationPageSchema.safeParse({ cursor: "12" }).success).toBe(false);
  });
});
