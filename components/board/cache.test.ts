import { describe, expect, it } from "vitest";
import type { Board, BoardSymbol, MyCall } from "@/lib/board/types";
import { applyIntent, applyPatch, cardOf } from "./cache";

const symbol = (s: string, extra: Partial<BoardSymbol> = {}): BoardSymbol => ({
  symbol: s,
  name: `${s} Inc.`,
  sector: "other",
  price: 100,
  previousClose: 99,
  changePct: 1.01,
  asOf: "2026-11-27T12:00:00+09:00",
  stale: false,
  series: [99, 100],
  myCall: null,
  crowd: null,
  ...extra,
});
const call = (extra: Partial<MyCall> = {}): MyCall => ({
  id: "11111111-1111-4111-8111-111111111111",
  choice: "UP",
  status: "PENDING",
  snapshotPrice: 100,
  snapshotAt: "2026-11-27T12:00:00+09:00",
  closePrice: null,
  voidReason: null,
  pointsAwarded: 0,
  ...extra,
});
const board = (
  symbols: BoardSymbol[],
  slots: Board["slots"] = { available: 3, max: 3, adSlotsUsed: 0, adSlotsLeft: 2, nextRefillAt: null },
): Board => ({
  session: {} as Board["session"],
  boardDay: "2026-11-27",
  settlesAt: "2026-11-28T06:20:00+09:00",
  crowdMin: 5,
  interactive: true,
  simulated: true,
  priceSource: "simulated",
  slots,
  lastResults: null,
  symbols,
});
const crowd = { others: 0, up: 1, down: 0, upPct: 100, downPct: 0 };

describe("applyPatch", () => {
  it("replaces the touched card's call and crowd and the slots, and nothing else", () => {
    const before = board([symbol("NVDA"), symbol("TSLA")]);
    const slots = {
      available: 2,
      max: 3,
      adSlotsUsed: 0,
      adSlotsLeft: 2,
      nextRefillAt: "2026-11-27T12:05:00+09:00",
    };
    const after = applyPatch(before, { card: { symbol: "NVDA", myCall: call(), crowd }, slots });
    expect(after.symbols[0]).toEqual({ ...before.symbols[0], myCall: call(), crowd });
    expect(after.symbols[1]).toBe(before.symbols[1]);
    expect(after.slots).toEqual(slots);
    expect(before.symbols[0]!.myCall).toBeNull();
    expect(before.slots!.available).toBe(3);
  });

  it("leaves the slots alone when the patch has none (a change), and clears a cancelled card", () => {
    const before = board([symbol("NVDA", { myCall: call(), crowd })]);
    expect(
      applyPatch(before, { card: { symbol: "NVDA", myCall: call({ choice: "DOWN" }), crowd } }).slots,
    ).toBe(before.slots);
    const cancelled = applyPatch(before, { card: { symbol: "NVDA", myCall: null, crowd: null } });
    expect(cancelled.symbols[0]).toMatchObject({ myCall: null, crowd: null, price: 100 });
  });

  it("never invents slots for a board without them, and ignores a symbol the board does not show", () => {
    const visitor = board([symbol("NVDA")], null);
    expect(
      applyPatch(visitor, {
        slots: { available: 1, max: 3, adSlotsUsed: 1, adSlotsLeft: 1, nextRefillAt: null },
      }).slots,
    ).toBeNull();
    expect(applyPatch(visitor, { card: { symbol: "ZZZZ", myCall: call(), crowd } })).toBe(visitor);
  });
});

describe("applyIntent (the optimistic card)", () => {
  it("a new call is PENDING at the current price; a second wish flips the choice of that call", () => {
    const before = board([symbol("NVDA")]);
    const up = applyIntent(before, "NVDA", { kind: "call", choice: "UP" });
    expect(up.symbols[0]!.myCall).toMatchObject({ choice: "UP", status: "PENDING", snapshotPrice: 100 });
    const down = applyIntent(up, "NVDA", { kind: "call", choice: "DOWN" });
    expect(down.symbols[0]!.myCall).toMatchObject({ id: up.symbols[0]!.myCall!.id, choice: "DOWN" });
    expect(down.slots).toBe(before.slots);
  });

  it("a cancel clears the call and the crowd", () => {
    const before = board([symbol("NVDA", { myCall: call(), crowd })]);
    expect(applyIntent(before, "NVDA", { kind: "cancel" }).symbols[0]).toMatchObject({
      myCall: null,
      crowd: null,
    });
  });

  it("cardOf reads back one card's personal part", () => {
    expect(cardOf(board([symbol("NVDA", { myCall: call(), crowd })]), "NVDA")).toEqual({
      symbol: "NVDA",
      myCall: call(),
      crowd,
    });
    expect(cardOf(board([]), "NVDA")).toBeUndefined();
  });
});
