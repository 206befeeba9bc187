/**
 * The one clock. Domain code never reads Date.now(): it receives `now` from here (the app
 * layer) or from a test. A test-only offset lets end-to-end tests move the server's time;
 * start-up refuses it in production (lib/env.ts).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: Date | string): Clock & { set(i: Date | string): void; advance(ms: number): void } {
  let t = new Date(instant).getTime();
  return {
    now: () => new Date(t),
    set: (i) => {
      t = new Date(i).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

type ShiftState = { offsetMs: number };
const g = globalThis as unknown as { __oxClockShift?: ShiftState };

/** Process clock: the system time plus a test offset (zero unless a test switch set it). */
export const appClock: Clock = {
  now: () => new Date(Date.now() + (g.__oxClockShift?.offsetMs ?? 0)),
};

/** Test-only: make `appClock` read `instant` from now on (time keeps flowing from there). */
export function shiftAppClockTo(instant: Date): void {
  g.__oxClockShift = { offsetMs: instant.getTime() - Date.now() };
}

export function resetAppClock(): void {
  g.__oxClockShift = { offsetMs: 0 };
}

export const MINUTE_MS = 60_000;
