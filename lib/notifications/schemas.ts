import { z } from "zod";

export const NOTIFICATION_PAGE_DEFAULT = 20;
export const NOTIFICATION_PAGE_MAX = 100;
/** A payload is a small summary for the inbox; anything larger belongs in its own table. */
export const NOTIFICATION_PAYLOAD_MAX_BYTES = 4096;
export const MARK_READ_MAX_IDS = 100;

/** A notification as a domain writes it (not a client input: callers build it). */
export const notifySchema = z
  .object({
    userId: z.uuid(),
    kind: z.string().regex(/^[a-z][a-z0-9_.]{1,59}$/, "A kind looks like 'redemption_issued'"),
    payload: z
      .record(z.string(), z.unknown())
      .default({})
      .refine(
        (p) => jsonBytes(p) <= NOTIFICATION_PAYLOAD_MAX_BYTES,
        `At most ${NOTIFICATION_PAYLOAD_MAX_BYTES} bytes of payload`,
      ),
    dedupeKey: z.string().min(3).max(200).regex(/^\S+$/, "A dedupe key has no spaces").nullish(),
    now: z.date().optional(),
  })
  .strict();

export type NotifyInput = z.input<typeof notifySchema>;

/** `GET /api/me/notifications?cursor=&limit=&unread=1`: query-string values arrive as text. */
export const notificationPageSchema = z
  .object({
    cursor: z.uuid().optional(),
    limit: z.coerce
      .number<unknown>()
      .int()
      .min(1)
      .max(NOTIFICATION_PAGE_MAX)
      .default(NOTIFICATION_PAGE_DEFAULT),
    unread: z
      .enum(["1", "0", "true", "false"])
      .transform((v) => v === "1" || v === "true")
      .optional(),
  })
  .strict();

/** `POST /api/me/notifications/read`: some ids, or everything. */
export const markReadSchema = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(MARK_READ_MAX_IDS) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export type MarkReadInput = z.infer<typeof markReadSchema>;

function jsonBytes(value: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(value)).length;
  } catch {
    // Cycles and BigInts cannot be stored as JSON at all.
    return Number.POSITIVE_INFINITY;
  }
}
