import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf, isUuid, parseOrThrow } from "./validation";

const schema = z
  .object({
    name: z.string().min(3),
    age: z.number().int().optional(),
    tags: z.array(z.string().max(2)).optional(),
  })
  .strict();

function failure(input: unknown, opts?: Parameters<typeof parseOrThrow>[2]): AppError {
  try {
    parseOrThrow(schema, input, opts);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a failure");
}

describe("parseOrThrow", () => {
  it("returns the parsed value", () => {
    expect(parseOrThrow(schema, { name: "Kim" })).toEqual({ name: "Kim" });
  });
  it.each([
    ["a wrong type", { name: 5 }],
    ["a missing field", {}],
    ["an unknown key", { name: "Kim", role: "admin" }],
    ["not an object", "Kim"],
  ])("answers 400 for %s", (_, input) => {
    const err = failure(input);
    expect(err.status).toBe(400);
    expect(err.code).toBe("bad_request:invalid_input");
    expect(Object.keys(err.fieldErrors ?? {}).length).toBeGreaterThan(0);
  });
  it("answers 422 for a well-formed value that breaks a rule, with the field named", () => {
    const err = failure({ name: "Ki" });
    expect(err).toMatchObject({
      status: 422,
      code: "unprocessable:invalid_input",
      fieldErrors: { name: [expect.any(String)] },
    });
  });
  it("keys nested issues by their path and whole-input issues by the root key", () => {
    expect(failure({ name: "Kim", tags: ["abc"] }).fieldErrors).toEqual({ "tags.0": [expect.any(String)] });
    expect(failure("x", { root: "body" }).fieldErrors).toEqual({ body: [expect.any(String)] });
  });
  it("takes the caller's codes and message", () => {
    expect(
      failure({ name: 5 }, { malformed: "bad_request:invalid_body", invalid: "unprocessable:invalid_body" })
        .code,
    ).toBe("bad_request:invalid_body");
    expect(
      failure(
        { name: "Ki" },
        { malformed: "bad_request:invalid_body", invalid: "unprocessable:invalid_body" },
      ).code,
    ).toBe("unprocessable:invalid_body");
    const one = failure({ name: 5 }, { code: "unprocessable:reward_invalid", message: "Check the reward." });
    expect(one).toMatchObject({
      status: 422,
      code: "unprocessable:reward_invalid",
      message: "Check the reward.",
    });
    expect(
      failure({ name: "Ki" }, { message: (first, f) => `${first?.path.join(".")}|${Object.keys(f).join()}` })
        .message,
    ).toBe("name|name");
  });
  it("never lets the ZodError reach a client", () => {
    const json = failure({ name: 5 }).toJSON();
    expect(JSON.stringify(json)).not.toContain("invalid_type");
  });
});

describe("fieldErrorsOf", () => {
  it("collects every message of a field", () => {
    const r = z.object({ pin: z.string().min(4).regex(/^\d+$/) }).safeParse({ pin: "ab" });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error).pin).toHaveLength(2);
  });
});

describe("isUuid", () => {
  it("accepts database ids and refuses anything else", () => {
    expect(isUuid("0b6f4c1e-8f3a-4d0e-9b7a-2f1e3c4d5a6b")).toBe(true);
    expect(isUuid("0B6F4C1E-8F3A-4D0E-9B7A-2F1E3C4D5A6B")).toBe(true);
    for (const bad of [
      "",
      "nope",
      "0b6f4c1e-8f3a-4d0e-9b7a-2f1e3c4d5a6",
      "0b6f4c1e8f3a4d0e9b7a2f1e3c4d5a6b",
      "' or 1=1 --",
      42,
      null,
    ]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});
