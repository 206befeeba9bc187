/** Inputs of the daily loop's routes and actions (strict zod; client-safe). */
import { z } from "zod";
import { METRICS, PERIODS } from "./periods";

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "A time looks like 21:30");

/** A reminder must come before the 23:59 cutoff and after the 06:00 open. */
const reminderTime = hhmm.refine(
  (t) => t >= "06:00" && t <= "23:58",
  "Pick a time between 06:00 and 23:58 (the cutoff is 23:59)",
);

export const loopSettingsSchema = z
  .object({
    dailyGoal: z.number().int().min(1, "From 1 to 10 calls").max(10, "From 1 to 10 calls").optional(),
    hideFromBoards: z.boolean().optional(),
    reminderAt: reminderTime.nullable().optional(),
    resultsPush: z.boolean().optional(),
    quiet: z
      .object({ from: hhmm, until: hhmm })
      .strict()
      .refine((q) => q.from !== q.until, "Quiet hours need a start and a different end")
      .nullable()
      .optional(),
  })
  .strict();
export type LoopSettingsInput = z.output<typeof loopSettingsSchema>;

/** `GET /api/leaderboard?period=&by=&day=` (query strings: text). `day` is parsed by the calendar. */
export const leaderboardQuerySchema = z
  .object({
    period: z.enum(PERIODS).default("day"),
    by: z.enum(METRICS).default("points"),
    day: z.string().max(20).optional(),
  })
  .strict();

export const revealSeenSchema = z
  .object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A day YYYY-MM-DD") })
  .strict();
