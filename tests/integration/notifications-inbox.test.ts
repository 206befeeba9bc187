import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, users } from "@/db/schema";
import {
  countUnread,
  listNotifications,
  markRead,
  notify,
  notifyMany,
  notifyManyFrom,
} from "@/lib/notifications";
import { useTestDb } from "./support/db";

const t = useTestDb();
const NOW = new Date("2031-05-06T01:02:03Z");

async function newUser(): Promise<string> {
  const id = randomUUID();
  await t.db.insert(users).values({ id, nickname: `n${id.slice(0, 8)}` });
  return id;
}

const rowsOf = (userId: string) => t.db.select().from(notifications).where(eq(notifications.userId, userId));

describe("notifyMany and notifyManyFrom", () => {
  it("write many notices in one statement; a dedupe key already used (in the table or earlier in the call) writes nothing", async () => {
    const [a, b] = [await newUser(), await newUser()];
    await notify(t.db, { userId: a, kind: "settlement", dedupeKey: `many:${a}` });
    const r = await notifyMany(t.db, [
      { userId: a, kind: "settlement", payload: { n: 1 }, dedupeKey: `many:${a}`, now: NOW },
      { userId: b, kind: "settlement", payload: { n: 2 }, dedupeKey: `many:${b}`, now: NOW },
      { userId: b, kind: "settlement", payload: { n: 3 }, dedupeKey: `many:${b}`, now: NOW },
      { userId: b, kind: "hello", now: NOW },
    ]);
    expect(r).toEqual({ created: 2 });
    expect((await rowsOf(b)).map((n) => [n.kind, n.payload, n.createdAt.toISOString()]).sort()).toEqual([
      ["hello", {}, NOW.toISOString()],
      ["settlement", { n: 2 }, NOW.toISOString()],
    ]);
    expect(await notifyMany(t.db, [])).toEqual({ created: 0 });
  });

  it("refuse the whole call when one notice is invalid", async () => {
    const u = await newUser();
    const huge = { text: "x".repeat(5000) };
    await expect(
      notifyMany(t.db, [
        { userId: u, kind: "hello" },
        { userId: u, kind: "hello", payload: huge },
      ]),
    ).rejects.toMatchObject({
      code: "unprocessable:notification",
      details: { index: 1 },
    });
    await expect(notifyMany(t.db, [{ userId: u, kind: "Bad Kind" }])).rejects.toMatchObject({
      code: "unprocessable:notification",
    });
    const rows = (
      payload: string,
    ) => sql`select ${u}::uuid as user_id, ${payload}::jsonb as payload, null::text as dedupe_key
      union all select ${u}::uuid, '{}'::jsonb, 'from:ok'`;
    await expect(
      notifyManyFrom(t.db, { kind: "hello", rows: rows(JSON.stringify(huge)) }),
    ).rejects.toMatchObject({
      code: "unprocessable:notification",
      details: { invalidRows: 1 },
    });
    await expect(notifyManyFrom(t.db, { kind: "hello", rows: rows("[1]") })).rejects.toMatchObject({
      code: "unprocessable:notification",
    });
    await expect(notifyManyFrom(t.db, { kind: "Bad Kind", rows: rows("{}") })).rejects.toMatchObject({
      code: "unprocessable:notification",
    });
    expect(await rowsOf(u)).toEqual([]);
    expect(await notifyManyFrom(t.db, { kind: "hello", rows: rows('{"a":1}'), now: NOW })).toEqual({
      created: 2,
    });
    expect(await notifyManyFrom(t.db, { kind: "hello", rows: rows('{"a":1}'), now: NOW })).toEqual({
      created: 1,
    });
    expect(await rowsOf(u)).toHaveLength(3);
  });
});

describe("notify", () => {
  it("writes a notice; the same dedupe key writes nothing more", async () => {
    const u = await newUser();
    const first = await notify(t.db, {
      userId: u,
      kind: "settlement_result",
      payload: { day: "2031-05-05", correct: 2 },
      dedupeKey: `settle-day:${u}:1`,
      now: NOW,
    });
    expect(first.created).toBe(true);
    expect(first.notification).toMatchObject({
      userId: u,
      kind: "settlement_result",
      payload: { day: "2031-05-05", correct: 2 },
      readAt: null,
    });
    expect(first.notification!.createdAt.toISOString()).toBe(NOW.toISOString());
    expect(
      await notify(t.db, { userId: u, kind: "settlement_result", dedupeKey: `settle-day:${u}:1` }),
    ).toEqual({ notification: null, created: false });
    // Without a key every call is a new notice.
    await notify(t.db, { userId: u, kind: "hello" });
    await notify(t.db, { userId: u, kind: "hello" });
    expect(await rowsOf(u)).toHaveLength(3);
  });

  it("20 concurrent copies of one keyed notice: one row", async () => {
    const u = await newUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        notify(t.db, { userId: u, kind: "redemption_issued", dedupeKey: `k:${u}` }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await rowsOf(u)).toHaveLength(1);
  });

  it("rolls back with the caller's transaction", async () => {
    const u = await newUser();
    await t.db
      .transaction(async (tx) => {
        await notify(tx, { userId: u, kind: "redemption_pending", dedupeKey: `rb:${u}` });
        throw new Error("rollback");
      })
      .catch((e: Error) => expect(e.message).toBe("rollback"));
    expect(await rowsOf(u)).toEqual([]);
    // The key is free again.
    expect(
      (await notify(t.db, { userId: u, kind: "redemption_pending", dedupeKey: `rb:${u}` })).created,
    ).toBe(true);
  });

  it("refuses a malformed notice without writing", async () => {
    const u = await newUser();
    await expect(notify(t.db, { userId: u, kind: "Bad Kind" })).rejects.toMatchObject({
      code: "unprocessable:notification",
    });
    await expect(
      notify(t.db, { userId: u, kind: "big", payload: { blob: "x".repeat(5000) } }),
    ).rejects.toMatchObject({ code: "unprocessable:notification" });
    expect(await rowsOf(u)).toEqual([]);
  });
});

describe("listNotifications, countUnread, markRead", () => {
  it("pages newest first, only the player's own, without gaps or repeats", async () => {
    const u = await newUser();
    const other = await newUser();
    const made: string[] = [];
    for (let i = 0; i < 9; i++) {
      // Three share an instant: the id orders them.
      const at = new Date(NOW.getTime() + Math.min(i, 6) * 1000);
      made.push((await notify(t.db, { userId: u, kind: "tick", payload: { i }, now: at })).notification!.id);
      await notify(t.db, { userId: other, kind: "tick", now: at });
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await listNotifications(t.db, { userId: u, cursor, limit: 4 });
      sizes.push(page.items.length);
      for (const n of page.items) expect(n.userId).toBe(u);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([4, 4, 1]);
    expect(new Set(seen)).toEqual(new Set(made));
    expect(seen.at(-1)).toBe(made[0]);
    expect((await listNotifications(t.db, { userId: other, cursor: made[4], limit: 10 })).items).toEqual([]);
    await expect(listNotifications(t.db, { userId: u, cursor: "12", limit: 10 })).rejects.toMatchObject({
      code: "unprocessable:cursor",
    });
  });

  it("marks the player's own notices read, ignores other players' ids, and counts unread", async () => {
    const u = await newUser();
    const other = await newUser();
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push((await notify(t.db, { userId: u, kind: "tick" })).notification!.id);
    const theirs = (await notify(t.db, { userId: other, kind: "tick" })).notification!.id;
    expect(await countUnread(t.db, u)).toBe(3);

    expect(await markRead(t.db, { userId: u, ids: [mine[0]!, theirs], now: NOW })).toBe(1);
    expect(await countUnread(t.db, other)).toBe(1);
    expect(await countUnread(t.db, u)).toBe(2);
    expect(
      (await listNotifications(t.db, { userId: u, unreadOnly: true, limit: 10 })).items
        .map((n) => n.id)
        .sort(),
    ).toEqual([mine[1], mine[2]].sort());
    // Marking again keeps the first read time.
    expect(await markRead(t.db, { userId: u, ids: [mine[0]!], now: new Date(NOW.getTime() + 1000) })).toBe(0);
    expect(await markRead(t.db, { userId: u, all: true, now: NOW })).toBe(2);
    expect(await countUnread(t.db, u)).toBe(0);
    const [first] = await t.db.select().from(notifications).where(eq(notifications.id, mine[0]!));
    expect(first!.readAt?.toISOString()).toBe(NOW.toISOString());
    await expect(markRead(t.db, { userId: u, ids: [], now: NOW })).rejects.toMatchObject({
      code: "unprocessable:mark_read",
    });
    expect(await countUnread(t.db, other)).toBe(1);
  });
});
