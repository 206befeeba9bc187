import { describe, expect, it } from "vitest";
import type { Prediction, Redemption } from "@/db/schema";
import { adStartJson, myCallJson, predictionJson, redeemJson, slotsJson } from "./serialize";

const row: Prediction = {
  id: "11111111-1111-4111-8111-111111111111",
  userId: "22222222-2222-4222-8222-222222222222",
  tradingDay: "2026-11-27",
  symbol: "NVDA",
  choice: "UP",
  status: "PENDING",
  snapshotPrice: "181.250000",
  snapshotAt: new Date("2026-11-27T03:00:00Z"),
  snapshotSource: "simulated",
  closePrice: null,
  voidReason: null,
  pointsAwarded: 0,
  createdAt: new Date("2026-11-27T03:00:00Z"),
  updatedAt: new Date("2026-11-27T03:00:01Z"),
  cancelledAt: null,
  settledAt: null,
};

describe("API serialisers", () => {
  it("a prediction keeps the shape the API has always sent (the row as JSON: UTC ISO times, decimal strings)", () => {
    expect(predictionJson(row)).toEqual(JSON.parse(JSON.stringify(row)));
    expect(predictionJson(row).snapshotPrice).toBe("181.250000");
  });

  it("the board's card: numbers for prices, KST times", () => {
    expect(myCallJson(row)).toEqual({
      id: row.id,
      choice: "UP",
      status: "PENDING",
      snapshotPrice: 181.25,
      snapshotAt: "2026-11-27T12:00:00+09:00",
      closePrice: null,
      voidReason: null,
      pointsAwarded: 0,
    });
  });

  it("slots and ad tokens in KST", () => {
    const at = new Date("2026-11-27T03:05:00Z");
    expect(slotsJson({ available: 0, max: 3, adSlotsUsed: 1, adSlotsLeft: 1, nextRefillAt: at })).toEqual({
      available: 0,
      max: 3,
      adSlotsUsed: 1,
      adSlotsLeft: 1,
      nextRefillAt: "2026-11-27T12:05:00+09:00",
    });
    expect(
      slotsJson({ available: 3, max: 3, adSlotsUsed: 0, adSlotsLeft: 2, nextRefillAt: null }).nextRefillAt,
    ).toBeNull();
    expect(adStartJson({ token: "t", minWatchSeconds: 15, eligibleAt: at, expiresAt: at })).toEqual({
      token: "t",
      minWatchSeconds: 15,
      eligibleAt: "2026-11-27T12:05:00+09:00",
      expiresAt: "2026-11-27T12:05:00+09:00",
    });
  });

  it("a moment the server waits for is rounded up to the second, never sent early; an expiry rounds down", () => {
    const at = new Date("2026-11-27T03:05:00.120Z");
    expect(adStartJson({ token: "t", minWatchSeconds: 15, eligibleAt: at, expiresAt: at })).toMatchObject({
      eligibleAt: "2026-11-27T12:05:01+09:00",
      expiresAt: "2026-11-27T12:05:00+09:00",
    });
    expect(
      slotsJson({ available: 0, max: 3, adSlotsUsed: 1, adSlotsLeft: 1, nextRefillAt: at }).nextRefillAt,
    ).toBe("2026-11-27T12:05:01+09:00");
  });

  it("a redemption answer: id, status, cost, sku, KST time, balance", () => {
    const redemption = {
      id: "r1",
      status: "PENDING",
      cost: 500,
      createdAt: new Date("2026-11-27T03:00:00Z"),
    } as Redemption;
    expect(redeemJson({ created: true, redemption, item: { sku: "COFFEE" }, balance: 700 })).toEqual({
      created: true,
      redemption: {
        id: "r1",
        status: "PENDING",
        cost: 500,
        sku: "COFFEE",
        createdAt: "2026-11-27T12:00:00+09:00",
      },
      balance: 700,
    });
  });
});
