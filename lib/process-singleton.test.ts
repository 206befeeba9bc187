import { describe, expect, it, vi } from "vitest";
import { processSingleton } from "./process-singleton";

describe("processSingleton", () => {
  it("initialises once per key and hands every caller the same value", () => {
    const init = vi.fn(() => ({ hits: 0 }));
    const a = processSingleton("test:counter", init);
    a.hits += 1;
    const b = processSingleton("test:counter", init);
    expect(b).toBe(a);
    expect(b.hits).toBe(1);
    expect(init).toHaveBeenCalledTimes(1);
    expect(processSingleton("test:other", () => "x")).toBe("x");
  });
  it("survives a second copy of a module (as Next's route bundles load it)", async () => {
    const first = await import("./process-singleton");
    vi.resetModules();
    const second = await import("./process-singleton");
    expect(second.processSingleton).not.toBe(first.processSingleton);
    expect(second.processSingleton("test:shared", () => ({}))).toBe(
      first.processSingleton("test:shared", () => ({})),
    );
  });
});
