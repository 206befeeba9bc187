import { describe, expect, it } from "vitest";
import { keptOrBuilt, type Kept } from "./kept";

describe("keptOrBuilt", () => {
  it("shares one build while fresh, builds again when old, after a clock moved back, and after a failure", async () => {
    const kept = new Map<string, Kept<number>>();
    let builds = 0;
    const build = () => Promise.resolve(++builds);
    const at = (now: number) => keptOrBuilt(kept, "k", { now, ttlMs: 100, max: 8 }, build);
    expect(await Promise.all([at(1000), at(1050)])).toEqual([1, 1]);
    expect(await at(1100)).toBe(2);
    expect(await at(1099)).toBe(3);
    const failing = keptOrBuilt(kept, "f", { now: 0, ttlMs: 100, max: 8 }, () =>
      Promise.reject(new Error("x")),
    );
    await expect(failing).rejects.toThrow("x");
    expect(await keptOrBuilt(kept, "f", { now: 1, ttlMs: 100, max: 8 }, build)).toBe(4);
  });

  it("starts afresh past `max` entries", async () => {
    const kept = new Map<string, Kept<string>>();
    for (let i = 0; i < 4; i++)
      await keptOrBuilt(kept, `k${i}`, { now: 0, ttlMs: 100, max: 2 }, async () => `v${i}`);
    expect([...kept.keys()]).toEqual(["k3"]);
  });
});
