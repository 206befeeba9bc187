import { z } from "zod";
import { symbolSchema } from "@/lib/universe/schemas";

export const CHOICES = ["UP", "DOWN"] as const;
export type Choice = (typeof CHOICES)[number];

const choiceSchema = z.enum(CHOICES, { error: "choice must be UP (O) or DOWN (X)" });

/** The client says what and which way; the server decides the trading day and the time. */
export const submitPredictionSchema = z.object({ symbol: symbolSchema, choice: choiceSchema }).strict();
export const changePredictionSchema = z.object({ choice: choiceSchema }).strict();
export const predictionIdSchema = z.uuid("not a prediction id");

/** The price a call is measured from. Null when no valid price could be had (the call is VOID at settlement). */
export type Snapshot = { price: number; at: Date; source: string } | null;
export type TakeSnapshot = (symbol: string) => Promise<Snapshot>;

/** A snapshot is used only when it is a finite, positive price. */
export function validSnapshot(s: Snapshot): Snapshot {
  if (!s) return null;
  if (typeof s.price !== "number" || !Number.isFinite(s.price) || s.price <= 0) return null;
  if (!(s.at instanceof Date) || Number.isNaN(s.at.getTime())) return null;
  return s;
}
