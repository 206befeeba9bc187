import { z } from "zod";
import { JOB_NAMES } from "@/lib/jobs/registry";
import { symbolSchema } from "@/lib/universe/schemas";

/** Zod schemas of the admin console, shared by its JSON routes and its forms. */
export const dayString = z.iso.date("A date YYYY-MM-DD");

export const sessionActionSchema = z.object({ action: z.enum(["open", "close"]) }).strict();

export const collectEodSchema = z.object({ tradingDay: dayString }).strict();

export const backfillEodSchema = z
  .object({ from: dayString, to: dayString, symbols: z.array(symbolSchema).max(200).optional() })
  .strict()
  .refine((v) => v.from <= v.to, { message: "from must not be after to", path: ["from"] });

const closeValue = z.union([z.number(), z.string().trim().max(30)]);

export const manualCloseSchema = z
  .object({ tradingDay: dayString, symbol: symbolSchema, close: closeValue, replace: z.boolean().optional() })
  .strict();

export const settleSymbolSchema = z.object({ symbol: symbolSchema, close: closeValue }).strict();

export const runJobSchema = z.object({ tradingDay: dayString.optional() }).strict();

export const jobRunsQuerySchema = z
  .object({
    job: z.enum(JOB_NAMES).optional(),
    status: z.enum(["RUNNING", "SUCCEEDED", "FAILED"]).optional(),
    limit: z.coerce.number<unknown>().int().min(1).max(500).optional(),
  })
  .strict();

export const dayQuerySchema = z.object({ day: dayString }).strict();

export const statsQuerySchema = z.object({ from: dayString, to: dayString }).strict().refine((v) => v.from <= v.to, { message: "from must not be after to", path: ["from"] });

export const userSearchSchema = z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number<unknown>().int().min(1).max(100).optional() }).strict();

export const roleBodySchema = z.object({ role: z.enum(["player", "admin"]) }).strict();

export const errorsQuerySchema = z
  .object({ days: z.coerce.number<unknown>().int().min(1).max(90).optional(), kind: z.string().trim().max(200).optional(), limit: z.coerce.number<unknown>().int().min(1).max(500).optional() })
  .strict();

export const errorCleanupSchema = z.object({ olderThanDays: z.number().int().min(1, "Keep at least one day").max(3650) }).strict();

export const auditQuerySchema = z
  .object({ action: z.string().trim().max(100).optional(), limit: z.coerce.number<unknown>().int().min(1).max(500).optional() })
  .strict();
