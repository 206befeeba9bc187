import { z } from "zod";
import { jobStatus } from "@/db/schema";
import { JOB_NAMES } from "@/lib/jobs/registry";
import { symbolSchema, universeUpsertSchema } from "@/lib/universe/schemas";

/** Zod schemas of the admin console, shared by its JSON routes and its forms. */
export const dayString = z.iso.date("A date YYYY-MM-DD");

/** Admin writes that take no input: an empty JSON object (or no body) only, so a stray field is refused, never ignored. */
export const emptyBodySchema = z.object({}).strict();

export const sessionActionSchema = z.object({ action: z.enum(["open", "close"]) }).strict();

export const collectEodSchema = z.object({ tradingDay: dayString }).strict();

export const backfillEodSchema = z
  .object({ from: dayString, to: dayString, symbols: z.array(symbolSchema).max(200).optional() })
  .strict()
  .refine((v) => v.from <= v.to, { message: "from must not be after to", path: ["from"] });

/** A close: a positive JSON number, or the decimal text of a form ("123.45"); never "0x10", "1e3" or a flag. */
const closeValue = z.union([
  z.number().positive("A close is greater than 0"),
  z
    .string()
    .trim()
    .max(30)
    .regex(/^\d+(\.\d+)?$/, "A close is a decimal number such as 123.45"),
]);

export const manualCloseSchema = z
  .object({ tradingDay: dayString, symbol: symbolSchema, close: closeValue, replace: z.boolean().optional() })
  .strict();

export const settleSymbolSchema = z.object({ symbol: symbolSchema, close: closeValue }).strict();

export const runJobSchema = z.object({ tradingDay: dayString.optional() }).strict();

export const jobRunsQuerySchema = z
  .object({
    job: z.enum(JOB_NAMES).optional(),
    status: z.enum(jobStatus.enumValues).optional(),
    limit: z.coerce.number<unknown>().int().min(1).max(500).optional(),
  })
  .strict();

export const dayQuerySchema = z.object({ day: dayString }).strict();

export const statsQuerySchema = z
  .object({ from: dayString, to: dayString })
  .strict()
  .refine((v) => v.from <= v.to, { message: "from must not be after to", path: ["from"] });

export const userSearchSchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    limit: z.coerce.number<unknown>().int().min(1).max(100).optional(),
  })
  .strict();

/** A code from the authenticator app (6 digits) or a recovery code (xxxxx-xxxxx). */
export const secondFactorSchema = z
  .object({ code: z.string().trim().min(6, "Enter the 6-digit code").max(32, "Enter the 6-digit code") })
  .strict();

export const roleBodySchema = z.object({ role: z.enum(["player", "admin"]) }).strict();

export const errorsQuerySchema = z
  .object({
    days: z.coerce.number<unknown>().int().min(1).max(90).optional(),
    kind: z.string().trim().max(200).optional(),
    limit: z.coerce.number<unknown>().int().min(1).max(500).optional(),
  })
  .strict();

export const errorCleanupSchema = z
  .object({ olderThanDays: z.number().int().min(1, "Keep at least one day").max(3650) })
  .strict();

export const auditQuerySchema = z
  .object({
    action: z.string().trim().max(100).optional(),
    limit: z.coerce.number<unknown>().int().min(1).max(500).optional(),
  })
  .strict();

/*
 * The console's server actions take in one object what the JSON routes read from the path and
 * the body; the day and ids are parsed again by the domain (calendar, trading day, ownership).
 */
const pathDay = z.string().max(20);

export const sessionInputSchema = z.object({ day: pathDay, action: z.enum(["open", "close"]) }).strict();

export const settleDayInputSchema = z.object({ tradingDay: pathDay }).strict();

export const settleSymbolInputSchema = z
  .object({ tradingDay: pathDay, symbol: symbolSchema, close: closeValue })
  .strict();

export const runJobInputSchema = z
  .object({ job: z.string().max(60), tradingDay: dayString.optional() })
  .strict();

export const roleInputSchema = z
  .object({ userId: z.string().max(64), role: z.enum(["player", "admin"]) })
  .strict();

export const userIdInputSchema = z.object({ userId: z.string().max(64) }).strict();

export const suspendInputSchema = z
  .object({ userId: z.string().max(64), reason: z.string().trim().min(1, "Give a reason").max(500) })
  .strict();

export const alertInputSchema = z.object({ alertId: z.uuid("An alert id") }).strict();

export const universeInputSchema = universeUpsertSchema.extend({ tradingDay: pathDay }).strict();

export const noInputSchema = z.object({}).strict();
