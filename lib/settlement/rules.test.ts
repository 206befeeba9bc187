import { describe, expect, it } from "vitest";
import { marketCloseAt } from "@/lib/calendar";
import { noCloseDeadlineAt, outcomeOf, toCents, type OutcomeInput } from "./rules";

const open = new Date("2026-11-24T14:30:00Z");
const base: OutcomeInput = {
  choice: "UP",
  snapshotPrice: 100,
  snapshotAt: new Date("2026-11-24T03:00:00Z"),
  close: 101,
  corporateAction: null,
  marketOpenAt: open,
};

describe("settlement rules", () => {
  it("UP is right above the snapshot, DOWN below; +50 only when right", () => {
    expect(outcomeOf(base)).toEqual({ status: "CORRECT", voidReason: null, points: 50 });
    expect(outcomeOf({ ...base, close: 99 })).toEqual({ status: "INCORRECT", voidReason: null, points: 0 });
    expect(outcomeOf({ ...base, choice: "DOWN", close: 99 })).toEqual({
      status: "CORRECT",
      voidReason: null,
      points: 50,
    });
    expect(outcomeOf({ ...base, choice: "DOWN", close: 101 })).toMatchObject({ status: "INCORRECT" });
  });

  it("compares at cent precision, half away from zero like PostgreSQL round(numeric, 2)", () => {
    expect(toCents(1.005)).toBe(101);
    expect(toCents(1.004999)).toBe(100);
    expect(toCents(20.004)).toBe(2000);
    expect(toCents(0.004)).toBe(0);
    expect(toCents(-1.005)).toBe(-101);
    expect(outcomeOf({ ...base, snapshotPrice: 20.004, close: 20.001 })).toMatchObject({
      status: "VOID",
      voidReason: "flat",
    });
    expect(outcomeOf({ ...base, snapshotPrice: 1.004, close: 1.005 })).toMatchObject({ status: "CORRECT" });
  });

  it("checks the void reasons in order: snapshot, close, corporate action, flat", () => {
    expect(outcomeOf({ ...base, snapshotPrice: null, close: undefined })).toMatchObject({
      voidReason: "no_snapshot",
    });
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 0.004]) {
      expect(outcomeOf({ ...base, snapshotPrice: bad })).toMatchObject({
        status: "VOID",
        voidReason: "bad_snapshot",
      });
    }
    expect(outcomeOf({ ...base, close: undefined })).toMatchObject({ voidReason: "no_close" });
    expect(outcomeOf({ ...base, close: null })).toMatchObject({ voidReason: "bad_close" });
    expect(outcomeOf({ ...base, close: Number.NaN })).toMatchObject({ voidReason: "bad_close" });
    expect(outcomeOf({ ...base, corporateAction: "split 4:1" })).toMatchObject({
      voidReason: "corporate_action",
    });
    expect(outcomeOf({ ...base, corporateAction: "split 4:1", snapshotAt: null })).toMatchObject({
      voidReason: "corporate_action",
    });
    // A call made after the open already saw the adjusted price.
    expect(
      outcomeOf({
        ...base,
        corporateAction: "split 4:1",
        snapshotAt: new Date(open.getTime() + 60_000),
        close: 26,
      }),
    ).toMatchObject({ status: "INCORRECT" });
    expect(outcomeOf({ ...base, close: 100.001 })).toMatchObject({ voidReason: "flat" });
  });

  it("the no_close deadline is 24 hours after the day's close (early closes included)", () => {
    expect(noCloseDeadlineAt("2026-11-24")).toEqual(new Date("2026-11-25T21:00:00Z"));
    expect(noCloseDeadlineAt("2026-11-27")).toEqual(
      new Date(marketCloseAt("2026-11-27").getTime() + 86_400_000),
    );
    expect(noCloseDeadlineAt("2026-07-14")).toEqual(new Date("2026-07-15T20:00:00Z"));
  });
});
