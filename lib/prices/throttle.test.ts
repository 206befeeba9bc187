import { describe, expect, it } from "vitest";
import { createThrottle } from "./throttle";

describe("throttle", () => {
  it("never runs more than maxConcurrent tasks at once", async () => {
    const throttle = createThrottle({ maxConcurrent: 3, minIntervalMs: 0 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        throttle.run(async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(throttle.active).toBe(0);
    expect(throttle.waiting).toBe(0);
  });

  it("spaces starts by minIntervalMs (virtual time)", async () => {
    const waits: number[] = [];
    const throttle = createThrottle({
      maxConcurrent: 10,
      minIntervalMs: 250,
      monotonicNow: () => 1_000,
      sleep: async (ms) => void waits.push(ms),
    });
    let ran = 0;
    await Promise.all(Array.from({ length: 4 }, () => throttle.run(async () => void ran++)));
    // Started at 1000 (no wait), 1250, 1500 and 1750.
    expect(waits).toEqual([250, 500, 750]);
    expect(ran).toBe(4);
  });

  it("releases its slot when a task fails", async () => {
    const throttle = createThrottle({ maxConcurrent: 1, minIntervalMs: 0 });
    await expect(throttle.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(throttle.run(async () => "next")).resolves.toBe("next");
  });
});
