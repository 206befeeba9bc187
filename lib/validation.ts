/**
 * The one mapping from a zod failure to an AppError, used by the route and action wrappers
 * and by domain functions that validate their own input. A wrong shape (wrong type, missing
 * or unknown key) is a 400; a well-formed value that breaks a rule is a 422. Field errors
 * are keyed by the dotted path of the offending field (`_` or `root` for the whole input).
 */
import { z, type ZodType } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";

type Issue = z.core.$ZodIssue;

/** Field errors of a failed parse, in the shape AppError and the action result carry. */
export function fieldErrorsOf(error: z.ZodError, root = "_"): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || root] ??= []).push(issue.message);
  return out;
}

/** Wrong type, a missing field or an unknown key: the request itself is malformed. */
export function isShapeProblem(error: z.ZodError): boolean {
  return error.issues.some((i) => i.code === "invalid_type" || i.code === "unrecognized_keys");
}

export type ParseOptions = {
  /** Codes for a malformed input (400) and a well-formed but invalid one (422); default `…:invalid_input`. */
  malformed?: ErrorCode;
  invalid?: ErrorCode;
  /** One code whatever the failure (domain inputs that were already shaped by a form or a route). */
  code?: ErrorCode;
  /** The message, or how to build it from the first issue and the field errors. */
  message?: string | ((first: Issue | undefined, fieldErrors: Record<string, string[]>) => string);
  /** The field-error key of an issue about the whole input. */
  root?: string;
};

/** `schema.parse(input)`, failing with an AppError (400 / 422 and field errors) instead of a ZodError. */
export function parseOrThrow<S extends ZodType>(
  schema: S,
  input: unknown,
  opts: ParseOptions = {},
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error, opts.root);
  const first = result.error.issues[0];
  const code =
    opts.code ??
    (isShapeProblem(result.error)
      ? (opts.malformed ?? "bad_request:invalid_input")
      : (opts.invalid ?? "unprocessable:invalid_input"));
  const message =
    typeof opts.message === "function"
      ? opts.message(first, fieldErrors)
      : (opts.message ?? first?.message ?? "Check the input.");
  throw new AppError(code, message, { fieldErrors, cause: result.error });
}

const uuid = z.uuid();

/** An RFC 9562 UUID (what the database hands out); checked before a uuid column is queried. */
export function isUuid(value: unknown): value is string {
  return uuid.safeParse(value).success;
}
