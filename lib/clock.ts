/**
 * The one clock. Domain code never reads Date.now(): it receives `now` from here (the app
 * layer) or from a test. A test-only offset lets end-to-end tests move the server's time;
 * start-up refuses it in production (lib/env.ts).
 */
import { processSingleton } from "./process-singleton";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const shift = processSingleton("clock-shift", () => ({ offsetMs: 0 }));

/** Process clock: the system time plus a test offset (zero unless a test switch set it). */
export const appClock: Clock = {
  now: () => new Date(Date.now() + shift.offsetMs),
};

/** Test-only: make `appClock` read `instant` from now on (time keeps flowing from there). */
export function shiftAppClockTo(instant: Date): void {
  shift.offsetMs = instant.getTime() - Date.now();
}

export function resetAppClock(): void {
  shift.offsetMs = 0;
}
