import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BASE_SLOTS,
  COOLDOWN_MS,
  giveBack,
  grantAdSlot,
  INITIAL_SLOTS,
  MAX_AD_SLOTS,
  MAX_SLOTS,
  settle,
  spend,
  viewOf,
  type SlotState,
} from "./rules";

const t0 = new Date("2026-11-27T10:00:00+09:00");
const at = (ms: number) => new Date(t0.getTime() + ms);

function spendN(state: SlotState, n: number, now: Date): SlotState {
  let s = state;
  for (let i = 0; i < n; i++) s = spend(s, now)!;
  return s;
}

describe("slot rules", () => {
  it("a day starts with 3 and no timer", () => {
    expect(viewOf(INITIAL_SLOTS, t0)).toEqual({
      available: 3,
      max: 10,
      adSlotsUsed: 0,
      adSlotsLeft: 7,
      nextRefillAt: null,
    });
  });

  it("spending below 3 starts one 5-minute timer; spending more does not restart it", () => {
    const one = spend(INITIAL_SLOTS, t0)!;
    expect(one.available).toBe(2);
    expect(one.cooldownStartedAt).toEqual(t0);
    const two = spend(one, at(60_000))!;
    expect(two.cooldownStartedAt).toEqual(t0);
    expect(viewOf(two, at(60_000)).nextRefillAt).toEqual(at(COOLDOWN_MS));
  });

  it("refills one slot per elapsed timer, never above 3, then stops", () => {
    const empty = spendN(INITIAL_SLOTS, 3, t0);
    expect(empty.available).toBe(0);
    expect(spend(empty, t0)).toBeNull();
    expect(viewOf(empty, at(COOLDOWN_MS - 1)).available).toBe(0);
    expect(viewOf(empty, at(COOLDOWN_MS)).available).toBe(1);
    expect(viewOf(empty, at(COOLDOWN_MS)).nextRefillAt).toEqual(at(2 * COOLDOWN_MS));
    expect(viewOf(empty, at(3 * COOLDOWN_MS)).available).toBe(3);
    expect(viewOf(empty, at(3 * COOLDOWN_MS)).nextRefillAt).toBeNull();
    expect(viewOf(empty, at(100 * COOLDOWN_MS)).available).toBe(3);
  });

  it("a refill never lifts slots that came from ads", () => {
    let s = INITIAL_SLOTS;
    for (let i = 0; i < 2; i++) s = grantAdSlot(s, t0)!;
    expect(s.available).toBe(5);
    expect(s.cooldownStartedAt).toBeNull();
    s = spend(s, t0)!;
    expect(viewOf(s, at(10 * COOLDOWN_MS)).available).toBe(4);
  });

  it("ads add one slot each, seven a day at most", () => {
    let s = INITIAL_SLOTS;
    for (let i = 0; i < MAX_AD_SLOTS; i++) s = grantAdSlot(s, t0)!;
    expect(s.available).toBe(MAX_SLOTS);
    expect(grantAdSlot(s, t0)).toBeNull();
  });

  it("cancel gives the slot back and stops the timer at 3", () => {
    const s = spend(INITIAL_SLOTS, t0)!;
    const back = giveBack(s, at(1000));
    expect(back.available).toBe(3);
    expect(back.cooldownStartedAt).toBeNull();
  });

  it("the same state read at the same instant twice gives the same answer (callbacks are idempotent)", () => {
    const empty = spendN(INITIAL_SLOTS, 3, t0);
    const once = settle(empty, at(COOLDOWN_MS));
    expect(settle(once, at(COOLDOWN_MS))).toEqual(once);
  });

  it("property: any sequence keeps 0..10, ad slots ≤ 7, refills only below 3", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("spend" as const), dt: fc.integer({ min: 0, max: 20 * 60_000 }) }),
      fc.record({ kind: fc.constant("back" as const), dt: fc.integer({ min: 0, max: 20 * 60_000 }) }),
      fc.record({ kind: fc.constant("ad" as const), dt: fc.integer({ min: 0, max: 20 * 60_000 }) }),
      fc.record({ kind: fc.constant("read" as const), dt: fc.integer({ min: 0, max: 20 * 60_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let s = INITIAL_SLOTS;
        let now = t0.getTime();
        for (const o of ops) {
          now += o.dt;
          const before = settle(s, new Date(now));
          const next =
            o.kind === "spend"
              ? spend(s, new Date(now))
              : o.kind === "back"
                ? giveBack(s, new Date(now))
                : o.kind === "ad"
                  ? grantAdSlot(s, new Date(now))
                  : before;
          if (next) s = next;
          expect(s.available).toBeGreaterThanOrEqual(0);
          expect(s.available).toBeLessThanOrEqual(MAX_SLOTS);
          expect(s.adSlots).toBeLessThanOrEqual(MAX_AD_SLOTS);
          if (s.available >= BASE_SLOTS) expect(s.cooldownStartedAt).toBeNull();
          else expect(s.cooldownStartedAt).not.toBeNull();
        }
      }),
      { numRuns: 1000, seed: 42 },
    );
  });
});
