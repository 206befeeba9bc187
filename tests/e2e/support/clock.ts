import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";

/** Move the server clock of the test server (TEST_CLOCK_CONTROL). */
export async function setServerClock(request: APIRequestContext, baseURL: string, at: string) {
  const res = await request.post("/api/test/clock", {
    data: { at },
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
