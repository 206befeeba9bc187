import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "@/db/client";
import { notifications, type Notification } from "@/db/schema";
import { appClock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { NOTIFICATION_PAYLOAD_MAX_BYTES, notifySchema, type NotifyInput } from "./schemas";

export type NotifyResult = { notification: Notification | null; created: boolean };

/**
 * Queue an in-app notification for a player. Call it with the transaction that makes the
 * change it reports, so the notice exists exactly when the change does.
 *
 * `dedupeKey` (for example `redemption:{id}:FAILED`) makes "notify once" a database rule:
 * a second call with the same key writes nothing and answers `created: false`, however many
 * copies run at once. Without a key every call adds a row.
 */
export async function notify(db: Database | Tx, input: NotifyInput): Promise<NotifyResult> {
  const n = parseNotice(input, 0);
  const [row] = await db
    .insert(notifications)
    .values({
      userId: n.userId,
      kind: n.kind,
      payload: n.payload,
      dedupeKey: n.dedupeKey ?? null,
      ...(n.now ? { createdAt: n.now } : {}),
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning();
  return { notification: row ?? null, created: Boolean(row) };
}

/**
 * Queue many notifications in one statement (settlement's one notice per player), with the
 * same rules as `notify`: each input is validated (nothing is written if one is invalid), a
 * `dedupeKey` already present — in the table or earlier in `inputs` — writes nothing.
 * Returns how many were created.
 */
export async function notifyMany(
  db: Database | Tx,
  inputs: readonly NotifyInput[],
): Promise<{ created: number }> {
  if (inputs.length === 0) return { created: 0 };
  const rows = inputs.map((input, i) => {
    const n = parseNotice(input, i);
    return {
      user_id: n.userId,
      kind: n.kind,
      payload: n.payload,
      dedupe_key: n.dedupeKey ?? null,
      created_at: (n.now ?? appClock.now()).toISOString(),
    };
  });
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with inserted as (
        insert into notifications (user_id, kind, payload, dedupe_key, created_at)
        select user_id, kind, payload, dedupe_key, created_at
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(user_id uuid, kind text, payload jsonb, dedupe_key text, created_at timestamptz)
        on conflict (dedupe_key) do nothing
        returning 1
      ) select count(*)::int as n from inserted`),
  );
  return { created: Number(row?.n ?? 0) };
}

/**
 * `notifyMany` for rows a query produces (settlement's per-player summary), so they never
 * leave the database: `rows` selects `user_id`, `payload` (a jsonb object) and `dedupe_key`.
 * The same rules hold, checked in the statement: if any row is not valid, none is written.
 */
export async function notifyManyFrom(
  db: Database | Tx,
  input: { kind: string; rows: SQL; now?: Date },
): Promise<{ created: number }> {
  const { kind, now } = parseNotice(
    { userId: "00000000-0000-4000-8000-000000000000", kind: input.kind, now: input.now },
    0,
  );
  const [row] = rowsOf<{ bad: number; created: number }>(
    await db.execute(sql`
      with source as (${input.rows}), bad as (
        select count(*)::int as n from source
        where user_id is null or payload is null or jsonb_typeof(payload) <> 'object'
          or octet_length(payload::text) > ${NOTIFICATION_PAYLOAD_MAX_BYTES}::int
          or (dedupe_key is not null and dedupe_key !~ '^[^[:space:]]{3,200}$')
      ), inserted as (
        insert into notifications (user_id, kind, payload, dedupe_key, created_at)
        select user_id, ${kind}, payload, dedupe_key, ${(now ?? appClock.now()).toISOString()}::timestamptz
        from source where (select n from bad) = 0
        on conflict (dedupe_key) do nothing
        returning 1
      ) select (select n from bad) as bad, (select count(*)::int from inserted) as created`),
  );
  if (Number(row?.bad ?? 0) > 0) {
    throw new AppError("unprocessable:notification", "This notification is not valid.", {
      details: { invalidRows: Number(row!.bad) },
    });
  }
  return { created: Number(row?.created ?? 0) };
}

function parseNotice(input: NotifyInput, index: number) {
  const parsed = notifySchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("unprocessable:notification", "This notification is not valid.", {
      details: { index, issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
    });
  }
  return parsed.data;
}
