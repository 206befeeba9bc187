import { describe, expect, it } from "vitest";
import { MAX_ADMIN_ADJUST_POINTS, SIGNUP_BONUS_POINTS, refIds } from "./constants";
import { fieldErrorsOf } from "@/lib/validation";
import { adminAdjustSchema, ledgerPageSchema, postEntrySchema } from "./schemas";

const USER = "0b6f4c1e-8f3a-4d0e-9b7a-2f1e3c4d5a6b";

describe("refIds", () => {
  it("spells every idempotency key the way the integrity checks expect", () => {
    expect(SIGNUP_BONUS_POINTS).toBe(1000);
    expect(refIds.signup(USER)).toBe(`signup:${USER}`);
    expect(refIds.settle("p1")).toBe("settle:p1");
    expect(refIds.redeem("r1")).toBe("redeem:r1");
    expect(refIds.refund("r1")).toBe("refund:r1");
    expect(refIds.adjust("a1")).toBe("adjust:a1");
  });
});

describe("postEntrySchema", () => {
  const ok = { userId: USER, amount: 10, reason: "ADMIN_ADJUST", refId: "adjust:x" } as const;
  it("accepts a well-formed entry", () => {
    expect(postEntrySchema.safeParse(ok).success).toBe(true);
    expect(postEntrySchema.safeParse({ ...ok, amount: -10, memo: null, actorId: USER }).success).toBe(true);
  });
  it.each([
    ["zero", { ...ok, amount: 0 }],
    ["fraction", { ...ok, amount: 1.5 }],
    ["huge", { ...ok, amount: 2 ** 31 }],
    ["NaN", { ...ok, amount: Number.NaN }],
    ["unknown reason", { ...ok, reason: "GIFT" }],
    ["ref without kind", { ...ok, refId: "abc" }],
    ["ref with space", { ...ok, refId: "adjust:a b" }],
    ["bad user", { ...ok, userId: "nope" }],
    ["unknown key", { ...ok, balanceAfter: 5 }],
  ])("refuses %s", (_, value) => {
    expect(postEntrySchema.safeParse(value).success).toBe(false);
  });
});

describe("adminAdjustSchema", () => {
  it("trims the reason; the amount is a JSON number", () => {
    expect(adminAdjustSchema.parse({ userId: USER, amount: -50, reason: "  refund of a bug  " })).toEqual({
      userId: USER,
      amount: -50,
      reason: "refund of a bug",
    });
  });
  it.each([
    ["short reason", { userId: USER, amount: 5, reason: " ab " }],
    ["long reason", { userId: USER, amount: 5, reason: "x".repeat(201) }],
    ["missing reason", { userId: USER, amount: 5 }],
    ["zero", { userId: USER, amount: 0, reason: "because" }],
    ["empty amount", { userId: USER, amount: "", reason: "because" }],
    ["amount true", { userId: USER, amount: true, reason: "because" }],
    ["amount [7]", { userId: USER, amount: [7], reason: "because" }],
    ["amount '0x10'", { userId: USER, amount: "0x10", reason: "because" }],
    ["amount '7'", { userId: USER, amount: "7", reason: "because" }],
    ["amount 1.5", { userId: USER, amount: 1.5, reason: "because" }],
    ["too large", { userId: USER, amount: MAX_ADMIN_ADJUST_POINTS + 1, reason: "because" }],
    ["unknown key", { userId: USER, amount: 5, reason: "because", role: "admin" }],
  ])("refuses %s with field errors", (_, value) => {
    const r = adminAdjustSchema.safeParse(value);
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(fieldErrorsOf(r.error)).length).toBeGreaterThan(0);
  });
});

describe("ledgerPageSchema", () => {
  it("reads query-string values and defaults the page size", () => {
    expect(ledgerPageSchema.parse({})).toEqual({ limit: 20 });
    expect(ledgerPageSchema.parse({ cursor: "42", limit: "5" })).toEqual({ cursor: 42, limit: 5 });
  });
  it.each([{ limit: "0" }, { limit: "101" }, { cursor: "-1" }, { cursor: "x" }, { page: "2" }])(
    "refuses %j",
    (q) => {
      expect(ledgerPageSchema.safeParse(q).success).toBe(false);
    },
  );
});
