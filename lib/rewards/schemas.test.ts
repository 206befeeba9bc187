import { describe, expect, it } from "vitest";
import { REDEMPTION_NOTICE, REDEMPTION_STATUSES, redemptionNoticeKey } from "./constants";
import {
  addStockSchema,
  adminRedemptionPageSchema,
  catalogQuerySchema,
  createItemSchema,
  markFailedSchema,
  markIssuedSchema,
  redeemSchema,
  redemptionPageSchema,
  updateItemSchema,
} from "./schemas";

const ID = "0b6f4c1e-8f3a-4d0e-9b7a-2f1e3c4d5a6b";

describe("redeemSchema", () => {
  it("accepts a SKU (normalised to upper case) and a client request key", () => {
    expect(redeemSchema.parse({ sku: " coffee-americano ", requestKey: ID })).toEqual({
      sku: "COFFEE-AMERICANO",
      requestKey: ID,
    });
  });
  it.each([
    ["short key", { sku: "COFFEE", requestKey: "abc" }],
    ["key with space", { sku: "COFFEE", requestKey: "abc defgh ij" }],
    ["long key", { sku: "COFFEE", requestKey: "k".repeat(101) }],
    ["bad sku", { sku: "coffee!", requestKey: ID }],
    ["one-letter sku", { sku: "C", requestKey: ID }],
    ["missing key", { sku: "COFFEE" }],
    ["unknown key", { sku: "COFFEE", requestKey: ID, cost: 1 }],
    ["client-supplied user", { sku: "COFFEE", requestKey: ID, userId: ID }],
  ])("refuses %s", (_, value) => {
    expect(redeemSchema.safeParse(value).success).toBe(false);
  });
});

describe("createItemSchema", () => {
  const ok = { sku: "MUG-01", nameKo: "머그", nameEn: "Mug", cost: 1500 };
  it("fills defaults and takes typed JSON values", () => {
    expect(createItemSchema.parse({ ...ok, active: false, stock: 5 })).toEqual({
      sku: "MUG-01",
      nameKo: "머그",
      nameEn: "Mug",
      descriptionKo: "",
      descriptionEn: "",
      imageUrl: null,
      cost: 1500,
      stock: 5,
      active: false,
      vendor: "manual",
    });
  });
  it.each([true, [7], "0x10", "7", 1.5, null, {}])(
    "refuses a cost or stock of %j: numbers are numbers",
    (v) => {
      expect(createItemSchema.safeParse({ ...ok, cost: v }).success).toBe(false);
      expect(createItemSchema.safeParse({ ...ok, stock: v }).success).toBe(false);
    },
  );
  it("refuses an active flag that is not a boolean", () => {
    expect(createItemSchema.safeParse({ ...ok, active: "false" }).success).toBe(false);
  });
  it("accepts a site path or an https image", () => {
    expect(createItemSchema.safeParse({ ...ok, imageUrl: "/rewards/mug.svg" }).success).toBe(true);
    expect(createItemSchema.safeParse({ ...ok, imageUrl: "https://cdn.example.com/mug.png" }).success).toBe(
      true,
    );
  });
  it.each([
    ["zero cost", { ...ok, cost: 0 }],
    ["fractional cost", { ...ok, cost: 1.5 }],
    ["negative stock", { ...ok, stock: -1 }],
    ["empty name", { ...ok, nameEn: "  " }],
    ["http image", { ...ok, imageUrl: "http://example.com/a.png" }],
    ["javascript image", { ...ok, imageUrl: "javascript:alert(1)" }],
    ["protocol-relative image", { ...ok, imageUrl: "//evil.example/a.png" }],
    ["unknown vendor", { ...ok, vendor: "acme" }],
    ["stockTotal from the client", { ...ok, stockTotal: 10 }],
  ])("refuses %s", (_, value) => {
    expect(createItemSchema.safeParse(value).success).toBe(false);
  });
});

describe("updateItemSchema", () => {
  it("takes any subset of fields", () => {
    expect(updateItemSchema.parse({ sku: "MUG-01", cost: 900, active: true })).toEqual({
      sku: "MUG-01",
      cost: 900,
      active: true,
    });
    expect(updateItemSchema.parse({ sku: "MUG-01", imageUrl: null })).toEqual({
      sku: "MUG-01",
      imageUrl: null,
    });
  });
  it.each([
    ["nothing to change", { sku: "MUG-01" }],
    ["stock (only through addStock)", { sku: "MUG-01", stock: 5 }],
    ["bad cost", { sku: "MUG-01", cost: -5 }],
  ])("refuses %s", (_, value) => {
    expect(updateItemSchema.safeParse(value).success).toBe(false);
  });
});

describe("addStockSchema", () => {
  it("takes positive and negative whole quantities", () => {
    expect(addStockSchema.parse({ sku: "MUG-01", quantity: -3 })).toEqual({ sku: "MUG-01", quantity: -3 });
  });
  it.each([
    { quantity: 0 },
    { quantity: 1.5 },
    { quantity: 100_001 },
    { quantity: "" },
    { quantity: "-3" },
    { quantity: true },
    { quantity: [7] },
  ])("refuses %j", (q) => {
    expect(addStockSchema.safeParse({ sku: "MUG-01", ...q }).success).toBe(false);
  });
});

describe("fulfilment schemas", () => {
  it("trims code, note and reason", () => {
    expect(markIssuedSchema.parse({ redemptionId: ID, code: " ABC-123 " })).toEqual({
      redemptionId: ID,
      code: "ABC-123",
    });
    expect(markFailedSchema.parse({ redemptionId: ID, reason: "  out of vouchers " })).toEqual({
      redemptionId: ID,
      reason: "out of vouchers",
    });
  });
  it("refuses a short reason, an empty code and a bad id", () => {
    expect(markFailedSchema.safeParse({ redemptionId: ID, reason: "no" }).success).toBe(false);
    expect(markIssuedSchema.safeParse({ redemptionId: ID, code: "  " }).success).toBe(false);
    expect(markIssuedSchema.safeParse({ redemptionId: "42" }).success).toBe(false);
  });
});

describe("page schemas", () => {
  it("read query-string values", () => {
    expect(redemptionPageSchema.parse({})).toEqual({ limit: 20 });
    expect(redemptionPageSchema.parse({ cursor: ID, limit: "5" })).toEqual({ cursor: ID, limit: 5 });
    expect(adminRedemptionPageSchema.parse({ status: "PENDING", order: "oldest" })).toEqual({
      status: "PENDING",
      order: "oldest",
      limit: 20,
    });
    expect(catalogQuerySchema.parse({ all: "1" })).toEqual({ all: true });
  });
  it.each([{ limit: "0" }, { limit: "101" }, { cursor: "7" }, { page: "2" }])("refuse %j", (q) => {
    expect(redemptionPageSchema.safeParse(q).success).toBe(false);
  });
  it("refuses an unknown status", () => {
    expect(adminRedemptionPageSchema.safeParse({ status: "LOST" }).success).toBe(false);
  });
});

describe("notices", () => {
  it("have one kind per status and one dedupe key per redemption and status", () => {
    expect(Object.keys(REDEMPTION_NOTICE).sort()).toEqual([...REDEMPTION_STATUSES].sort());
    expect(redemptionNoticeKey("r1", "FAILED")).toBe("redemption:r1:FAILED");
  });
});
