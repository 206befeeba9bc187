import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";

/**
 * Move the server clock of the test server (TEST_CLOCK_CONTROL); the jobs due then run at once
 * unless `tick: false` (the in-process loop's own timer still runs them within its interval).
 */
export async function setServerClock(
  request: APIRequestContext,
  baseURL: string,
  at: string,
  options: { tick?: boolean } = {},
) {
  const res = await request.post("/api/test/clock", {
    data: { at, ...(options.tick === false ? { tick: false } : {}) },
    headers: { Origin: new URL(baseURL).origin },
  });
  expect(res.status(), await res.text()).toBe(200);
}

export async function advanceServerClock(request: APIRequestContext, baseURL: string, ms: number) {
  const res = await request.post("/api/test/clock", {
    data: { advanceMs: ms },
    headers: { Origin: new URL(baseURL).origin },
  });
  expect(res.status(), await res.text()).toBe(200);
}
