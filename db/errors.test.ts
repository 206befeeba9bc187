import { describe, expect, it } from "vitest";
import { PG, isDatabaseUnavailable, isRetryableConflict, pgConstraint, pgErrorCode } from "./errors";
import { toAppError } from "@/lib/errors";

describe("pgErrorCode", () => {
  it("finds the SQLSTATE down the cause chain", () => {
    const driver = Object.assign(new Error("duplicate key"), {
      code: PG.uniqueViolation,
      constraint_name: "points_ledger_ref_uq",
    });
    const wrapped = new Error("Failed query", { cause: driver });
    expect(pgErrorCode(wrapped)).toBe("23505");
    expect(pgConstraint(wrapped)).toBe("points_ledger_ref_uq");
    expect(pgErrorCode(new Error("plain"))).toBeUndefined();
    expect(pgErrorCode(Object.assign(new Error("node"), { code: "ECONNRESET" }))).toBeUndefined();
  });
  it("treats deadlocks and serialization failures as retryable", () => {
    expect(isRetryableConflict({ cause: { code: PG.deadlockDetected } })).toBe(true);
    expect(isRetryableConflict({ code: PG.serializationFailure })).toBe(true);
    expect(isRetryableConflict({ code: PG.uniqueViolation })).toBe(false);
  });
});

const wrapped = (code: string) =>
  Object.assign(new Error("Failed query: select 1"), {
    cause: Object.assign(new Error(`driver says ${code} at 10.0.0.5:5432`), { code }),
  });

describe("isDatabaseUnavailable / toAppError", () => {
  it.each([
    "CONNECT_TIMEOUT",
    "CONNECTION_CLOSED",
    "CONNECTION_DESTROYED",
    "ECONNREFUSED",
    "ECONNRESET",
    "DATABASE_UNREACHABLE",
    "ERR_SOCKET_CLOSED",
    "57014",
    "57P01",
    "57P03",
    "53300",
    "25P03",
    "08006",
  ])("%s down the cause chain → 503 unavailable:database, Retry-After, no driver text", (code) => {
    const e = wrapped(code);
    expect(isDatabaseUnavailable(e)).toBe(true);
    const err = toAppError(e);
    expect(err).toMatchObject({
      code: "unavailable:database",
      status: 503,
      details: { retryAfterSeconds: 5 },
    });
    expect(JSON.stringify(err.toJSON())).not.toMatch(/driver|10\.0\.0\.5|select/);
  });

  it.each(["23505", "23514", "40001", "22003", "ERR_INVALID_ARG_TYPE"])(
    "%s is not an outage → 500 internal:unexpected",
    (code) => {
      expect(isDatabaseUnavailable(wrapped(code))).toBe(false);
      expect(toAppError(wrapped(code)).status).toBe(500);
    },
  );
});
