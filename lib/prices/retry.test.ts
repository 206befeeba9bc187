import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, maxTotalBackoffMs, withRetry, type Failure } from "./retry";

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };
const retryable: Failure = { reason: "rate_limited", message: "429", retryable: true };

function fakeSleep() {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms: number) => void delays.push(ms),
    total: () => delays.reduce((a, b) => a + b, 0),
  };
}

describe("backoff", () => {
  it("grows exponentially with jitter in [half, full] and a cap", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 1))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelayMs(3, policy, Math.random);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
  });

  it("honours Retry-After up to the cap", () => {
    expect(backoffDelayMs(1, policy, () => 0, 700)).toBe(700);
    expect(backoffDelayMs(1, policy, () => 0, 60_000)).toBe(1_000);
  });

  it("bounds the total sleep of a call", () => {
    expect(maxTotalBackoffMs(policy)).toBe(3_000);
    expect(maxTotalBackoffMs(DEFAULT_RETRY_POLICY)).toBeLessThanOrEqual(16_000);
  });
});

describe("withRetry", () => {
  it("retries a retryable failure and returns the later success", async () => {
    const s = fakeSleep();
    let calls = 0;
    const out = await withRetry(
      async () => {
        if (++calls < 3) throw new Error("429");
        return "ok";
      },
      () => retryable,
      { policy, sleep: s.sleep, random: () => 0.5 },
    );
    expect(out).toEqual({ ok: true, value: "ok", attempts: 3 });
    expect(s.delays).toEqual([75, 150]);
  });

  it("gives up after maxAttempts with the last failure, never sleeping after the last attempt", async () => {
    const s = fakeSleep();
    const retries: number[] = [];
    const out = await withRetry(
      async () => {
        throw new Error("429");
      },
      () => retryable,
      { policy, sleep: s.sleep, random: () => 1, onRetry: (_f, n) => retries.push(n) },
    );
    expect(out).toEqual({ ok: false, failure: retryable, attempts: 4 });
    expect(retries).toEqual([1, 2, 3]);
    expect(s.total()).toBe(700);
    expect(s.total()).toBeLessThanOrEqual(maxTotalBackoffMs(policy));
  });

  it("does not retry a permanent failure", async () => {
    const s = fakeSleep();
    let calls = 0;
    const failure: Failure = { reason: "not_found", message: "404", retryable: false };
    const out = await withRetry(
      async () => {
        calls++;
        throw new Error("404");
      },
      () => failure,
      { policy, sleep: s.sleep, random: Math.random },
    );
    expect(out).toMatchObject({ ok: false, failure, attempts: 1 });
    expect(calls).toBe(1);
    expect(s.delays).toEqual([]);
  });
});
