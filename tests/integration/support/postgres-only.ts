import { describe, it, type TestFunction } from "vitest";

/**
 * Tests that need concurrent connections or lock waits (PGlite serves one connection) run with
 * TEST_DB=postgres only. Their titles carry POSTGRES_ONLY so a run that skipped them says so
 * loudly (scripts/summarize-tests.mjs prints a banner with the count); never skip them another way.
 */
export const POSTGRES_ONLY = "[postgres-only]";
const onPostgres = process.env.TEST_DB === "postgres";

export function itOnPostgres(name: string, fn: TestFunction, timeout?: number) {
  return it.runIf(onPostgres)(`${POSTGRES_ONLY} ${name}`, fn, timeout);
}

export function describeOnPostgres(name: string, fn: () => void) {
  return describe.runIf(onPostgres)(`${POSTGRES_ONLY} ${name}`, fn);
}
