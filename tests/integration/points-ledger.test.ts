import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, pointsBalances, pointsLedger } from "@/db/schema";
import { getBalance, listLedger, pointsStats, postEntries, postEntry } from "@/lib/points";
import { useTestDb } from "./support/db";
import { fundedUser, waitForLockWaiters } from "./support/fixtures";
import { itOnPostgres } from "./support/postgres-only";

// Credits here are ADMIN_ADJUST entries: a PREDICTION_CORRECT entry without its CORRECT
// prediction would (rightly) fail the I7 invariant checked after every test.
const t = useTestDb();

const newUser = (balance?: number) => fundedUser(t.db, { balance });

async function ledgerRows(userId: string) {
  return t.db.select().from(pointsLedger).where(eq(pointsLedger.userId, userId)).orderBy(pointsLedger.id);
}

const adjust = (userId: string, amount: number, ref = `adjust:${randomUUID()}`) => ({
  userId,
  amount,
  reason: "ADMIN_ADJUST" as const,
  refId: ref,
});

describe("postEntries", () => {
  it("posts many entries of many players in one call: each player's in the order given, a valid chain, balances moved", async () => {
    const a = await newUser(100);
    const b = await newUser();
    const c = await newUser();
    const batch = [adjust(b, 30), adjust(a, 50), adjust(a, -120), adjust(c, 7), adjust(b, -30), adjust(a, 1)];
    const results = await postEntries(t.db, batch);
    expect(results.map((r) => [r.created, r.entry.refId, r.entry.balanceAfter])).toEqual([
      [true, batch[0]!.refId, 30],
      [true, batch[1]!.refId, 150],
      [true, batch[2]!.refId, 30],
      [true, batch[3]!.refId, 7],
      [true, batch[4]!.refId, 0],
      [true, batch[5]!.refId, 31],
    ]);
    expect([await getBalance(t.db, a), await getBalance(t.db, b), await getBalance(t.db, c)]).toEqual([
      31, 0, 7,
    ]);
    // Ids rise with balance_after: the order given is the ledger order.
    expect((await ledgerRows(a)).map((r) => r.balanceAfter)).toEqual([100, 150, 30, 31]);
  });

  it("is idempotent by ref: a repeated batch writes nothing, a partly repeated one writes only the new entries", async () => {
    const u = await newUser(1000);
    const batch = [adjust(u, 10), adjust(u, -20)];
    const first = await postEntries(t.db, batch);
    const again = await postEntries(t.db, batch);
    expect(again).toEqual(first.map((r) => ({ entry: r.entry, created: false })));
    const more = await postEntries(t.db, [batch[1]!, adjust(u, 5)]);
    expect(more.map((r) => r.created)).toEqual([false, true]);
    expect(more[1]!.entry.balanceAfter).toBe(995);
    expect(await getBalance(t.db, u)).toBe(995);
    expect(await ledgerRows(u)).toHaveLength(4);
  });

  it("a ref repeated inside one call counts once; with different values it is a mismatch", async () => {
    const u = await newUser(1000);
    const e = adjust(u, 10);
    const results = await postEntries(t.db, [e, { ...e }]);
    expect(results.map((r) => r.created)).toEqual([true, false]);
    expect(results[1]!.entry).toEqual(results[0]!.entry);
    await expect(
      postEntries(t.db, [adjust(u, 1, "adjust:dup-in-call"), adjust(u, 2, "adjust:dup-in-call")]),
    ).rejects.toMatchObject({
      code: "conflict:ledger_ref_mismatch",
    });
    expect(await getBalance(t.db, u)).toBe(1010);
  });

  it("all or nothing: a mismatched ref, an uncovered debit, an unknown player or an invalid entry writes none of the batch", async () => {
    const u = await newUser(100);
    const taken = adjust(u, 10);
    await postEntry(t.db, taken);
    const cases: [ReturnType<typeof adjust>[], string][] = [
      [[adjust(u, 5), { ...taken, amount: 11 }], "conflict:ledger_ref_mismatch"],
      [[adjust(u, 5), adjust(u, -100), adjust(u, -20)], "conflict:insufficient_points"],
      [[adjust(u, 5), adjust(randomUUID(), 5)], "not_found:user"],
      [[adjust(u, 5), adjust(u, 0)], "unprocessable:ledger_entry"],
    ];
    for (const [batch, code] of cases) {
      await expect(postEntries(t.db, batch), code).rejects.toMatchObject({ code });
      expect(await getBalance(t.db, u)).toBe(110);
      expect(await ledgerRows(u)).toHaveLength(2);
    }
    const rich = await newUser();
    await postEntries(
      t.db,
      Array.from({ length: 21 }, () => adjust(rich, 100_000_000)),
    );
    await expect(postEntries(t.db, [adjust(rich, 1), adjust(rich, 47_483_647)])).rejects.toMatchObject({
      code: "conflict:balance_limit",
    });
    expect(await getBalance(t.db, rich)).toBe(2_100_000_000);
  });

  it("inside a caller's transaction a refused batch leaves the transaction usable", async () => {
    const u = await newUser(100);
    await t.db.transaction(async (tx) => {
      await expect(postEntries(tx, [adjust(u, 5), adjust(u, -500)])).rejects.toMatchObject({
        code: "conflict:insufficient_points",
      });
      await postEntries(tx, [adjust(u, 1)]);
    });
    expect(await getBalance(t.db, u)).toBe(101);
  });

  it("concurrent overlapping batches: every ref once, every balance equal to its ledger sum", async () => {
    const players = await Promise.all(Array.from({ length: 5 }, () => newUser(1000)));
    const entries = players.flatMap((p) => Array.from({ length: 8 }, () => adjust(p, 3)));
    // Eight writers, each posting a different rotation of the same entries (so they lock and insert in different orders).
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        postEntries(t.db, [...entries.slice(i * 5), ...entries.slice(0, i * 5)]),
      ),
    );
    const created = runs.flat().filter((r) => r.created).length;
    expect(created).toBe(entries.length);
    for (const p of players) {
      expect(await getBalance(t.db, p)).toBe(1000 + 8 * 3);
      expect((await ledgerRows(p)).map((r) => r.balanceAfter)).toEqual([
        1000, 1003, 1006, 1009, 1012, 1015, 1018, 1021, 1024,
      ]);
    }
  });
});

describe("postEntry", () => {
  it("appends an entry and moves the balance with it", async () => {
    const u = await newUser();
    const first = await postEntry(t.db, {
      userId: u,
      amount: 1000,
      reason: "SIGNUP_BONUS",
      refId: `signup:${u}`,
    });
    expect(first.created).toBe(true);
    expect(first.entry).toMatchObject({
      userId: u,
      amount: 1000,
      reason: "SIGNUP_BONUS",
      balanceAfter: 1000,
    });
    const debit = await postEntry(t.db, {
      userId: u,
      amount: -300,
      reason: "REDEMPTION",
      refId: `redeem:${randomUUID()}`,
      memo: "coffee",
    });
    expect(debit.entry).toMatchObject({ amount: -300, balanceAfter: 700, memo: "coffee" });
    expect(await getBalance(t.db, u)).toBe(700);
  });

  it("returns the original entry for a repeated ref and writes nothing", async () => {
    const u = await newUser(1000);
    const ref = `adjust:${randomUUID()}`;
    const first = await postEntry(t.db, { userId: u, amount: 50, reason: "ADMIN_ADJUST", refId: ref });
    const again = await postEntry(t.db, {
      userId: u,
      amount: 50,
      reason: "ADMIN_ADJUST",
      refId: ref,
      memo: "retry",
    });
    expect(again).toEqual({ entry: first.entry, created: false });
    expect(await getBalance(t.db, u)).toBe(1050);
    expect(await ledgerRows(u)).toHaveLength(2);
  });

  it("refuses a repeated ref with a different amount, reason or player", async () => {
    const u = await newUser(1000);
    const other = await newUser(1000);
    const ref = `adjust:${randomUUID()}`;
    await postEntry(t.db, { userId: u, amount: 50, reason: "ADMIN_ADJUST", refId: ref });
    for (const changed of [
      { userId: u, amount: 60, reason: "ADMIN_ADJUST" as const },
      { userId: u, amount: 50, reason: "REDEMPTION_REFUND" as const },
      { userId: other, amount: 50, reason: "ADMIN_ADJUST" as const },
    ]) {
      await expect(postEntry(t.db, { ...changed, refId: ref })).rejects.toMatchObject({
        code: "conflict:ledger_ref_mismatch",
        status: 409,
      });
    }
    expect(await getBalance(t.db, u)).toBe(1050);
    expect(await getBalance(t.db, other)).toBe(1000);
  });

  it("refuses a debit beyond the balance and changes nothing", async () => {
    const u = await newUser(100);
    const before = await ledgerRows(u);
    await expect(
      postEntry(t.db, { userId: u, amount: -101, reason: "REDEMPTION", refId: `redeem:${randomUUID()}` }),
    ).rejects.toMatchObject({
      code: "conflict:insufficient_points",
    });
    expect(await getBalance(t.db, u)).toBe(100);
    expect(await ledgerRows(u)).toEqual(before);
    // Exactly the balance is fine.
    const all = await postEntry(t.db, {
      userId: u,
      amount: -100,
      reason: "REDEMPTION",
      refId: `redeem:${randomUUID()}`,
    });
    expect(all.entry.balanceAfter).toBe(0);
  });

  it("refuses a first debit for a player without a balance row, leaving no row behind", async () => {
    const u = await newUser();
    await expect(
      postEntry(t.db, { userId: u, amount: -1, reason: "REDEMPTION", refId: `redeem:${randomUUID()}` }),
    ).rejects.toMatchObject({
      code: "conflict:insufficient_points",
    });
    expect(await t.db.select().from(pointsBalances).where(eq(pointsBalances.userId, u))).toEqual([]);
  });

  it("refuses malformed entries and unknown players without writing", async () => {
    const u = await newUser(10);
    await expect(
      postEntry(t.db, { userId: u, amount: 0, reason: "ADMIN_ADJUST", refId: "adjust:zero" }),
    ).rejects.toMatchObject({
      code: "unprocessable:ledger_entry",
    });
    await expect(
      postEntry(t.db, { userId: u, amount: 1.5, reason: "ADMIN_ADJUST", refId: "adjust:frac" }),
    ).rejects.toMatchObject({
      code: "unprocessable:ledger_entry",
    });
    await expect(
      postEntry(t.db, { userId: randomUUID(), amount: 5, reason: "ADMIN_ADJUST", refId: "adjust:ghost" }),
    ).rejects.toMatchObject({
      code: "not_found:user",
    });
    const [n] = await t.db
      .select({ n: count() })
      .from(pointsLedger)
      .where(sql`${pointsLedger.refId} in ('adjust:zero', 'adjust:frac', 'adjust:ghost')`);
    expect(n!.n).toBe(0);
  });

  it("inside a caller's transaction: rolls back with it, and a duplicate leaves the transaction usable", async () => {
    const u = await newUser(1000);
    const ref = `adjust:${randomUUID()}`;
    await t.db
      .transaction(async (tx) => {
        await postEntry(tx, { userId: u, amount: 40, reason: "ADMIN_ADJUST", refId: ref });
        expect(await getBalance(tx, u)).toBe(1040);
        throw new Error("rollback");
      })
      .catch((e: Error) => expect(e.message).toBe("rollback"));
    expect(await getBalance(t.db, u)).toBe(1000);

    await postEntry(t.db, { userId: u, amount: 40, reason: "ADMIN_ADJUST", refId: ref });
    await t.db.transaction(async (tx) => {
      const dup = await postEntry(tx, { userId: u, amount: 40, reason: "ADMIN_ADJUST", refId: ref });
      expect(dup.created).toBe(false);
      await expect(
        postEntry(tx, { userId: u, amount: -5000, reason: "REDEMPTION", refId: `redeem:${randomUUID()}` }),
      ).rejects.toMatchObject({
        code: "conflict:insufficient_points",
      });
      // The refused debit was undone by its savepoint; the transaction goes on.
      await postEntry(tx, { userId: u, amount: -40, reason: "REDEMPTION", refId: `redeem:${randomUUID()}` });
    });
    expect(await getBalance(t.db, u)).toBe(1000);
  });

  it("200 concurrent posts of one ref: one row, the balance moved once", async () => {
    const u = await newUser(1000);
    const ref = `adjust:${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        postEntry(t.db, { userId: u, amount: 25, reason: "ADMIN_ADJUST", refId: ref }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect(await t.db.select().from(pointsLedger).where(eq(pointsLedger.refId, ref))).toHaveLength(1);
    expect(await getBalance(t.db, u)).toBe(1025);
  });

  it("200 concurrent copies of one debit that needs the whole balance: one debit, no 'insufficient' errors", async () => {
    const u = await newUser(1000);
    const ref = `redeem:${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        postEntry(t.db, { userId: u, amount: -1000, reason: "REDEMPTION", refId: ref }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await getBalance(t.db, u)).toBe(0);
  });

  it("200 concurrent debits of 10 on a balance of 1000: exactly 100 succeed", async () => {
    const u = await newUser(1000);
    const settled = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        postEntry(t.db, { userId: u, amount: -10, reason: "REDEMPTION", refId: `redeem:${randomUUID()}` }),
      ),
    );
    const ok = settled.filter((s) => s.status === "fulfilled");
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
    expect(ok).toHaveLength(100);
    expect(refused).toHaveLength(100);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "conflict:insufficient_points" });
    expect(await getBalance(t.db, u)).toBe(0);
    const rows = await ledgerRows(u);
    expect(rows).toHaveLength(101);
    expect(Math.min(...rows.map((r) => r.balanceAfter))).toBe(0);
  });

  itOnPostgres(
    "a copy that passed the ref check before the first one committed is undone by its savepoint",
    async () => {
      const u = await newUser(1000);
      const ref = `adjust:${randomUUID()}`;
      const entry = { userId: u, amount: 70, reason: "ADMIN_ADJUST" as const, refId: ref };
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let posted!: () => void;
      const firstPosted = new Promise<void>((r) => (posted = r));

      const first = t.db.transaction(async (tx) => {
        const r = await postEntry(tx, entry);
        posted();
        await gate;
        return r;
      });
      await firstPosted;
      // The second sees no committed row yet, so it goes on to the balance and waits for its lock.
      const second = t.db.transaction(async (tx) => {
        const r = await postEntry(tx, entry);
        await tx.insert(auditLog).values({ action: "test.after_duplicate", target: ref });
        return r;
      });
      await waitForLockWaiters(t.db, 1);
      release();
      const [a, b] = await Promise.all([first, second]);
      expect(a.created).toBe(true);
      expect(b).toEqual({ entry: a.entry, created: false });
      expect(await getBalance(t.db, u)).toBe(1070);
      expect(await t.db.select().from(auditLog).where(eq(auditLog.target, ref))).toHaveLength(1);
    },
  );
});

describe("listLedger", () => {
  it("pages newest first by id, without gaps or repeats, and only the player's own entries", async () => {
    const u = await newUser(1000);
    const other = await newUser(1000);
    for (let i = 1; i <= 24; i++) {
      await postEntry(t.db, {
        userId: u,
        amount: i,
        reason: "ADMIN_ADJUST",
        refId: `adjust:${randomUUID()}`,
      });
      if (i % 5 === 0)
        await postEntry(t.db, {
          userId: other,
          amount: 1,
          reason: "ADMIN_ADJUST",
          refId: `adjust:${randomUUID()}`,
        });
    }
    const seen: number[] = [];
    let cursor: number | null | undefined;
    const sizes: number[] = [];
    do {
      const page = await listLedger(t.db, { userId: u, cursor, limit: 10 });
      sizes.push(page.items.length);
      for (const item of page.items) {
        expect(item.userId).toBe(u);
        seen.push(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(25);
    const all = await listLedger(t.db, { userId: u, limit: 100 });
    expect(all.nextCursor).toBeNull();
    expect(all.items.at(-1)!.reason).toBe("SIGNUP_BONUS");
    expect(all.items[0]!.balanceAfter).toBe(1000 + (24 * 25) / 2);
  });

  it("an exact last page has no next cursor, and an empty history is an empty page", async () => {
    const u = await newUser(10);
    expect(await listLedger(t.db, { userId: u, limit: 1 })).toMatchObject({ nextCursor: null });
    expect(await listLedger(t.db, { userId: await newUser(), limit: 10 })).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe("pointsStats", () => {
  it("sums by KST calendar day and reason", async () => {
    const u = await newUser();
    const at = (iso: string) => new Date(iso);
    // 14:59 UTC is 23:59 KST on 3 March; 15:00 UTC is already 4 March in Seoul.
    await postEntry(t.db, {
      userId: u,
      amount: 1000,
      reason: "SIGNUP_BONUS",
      refId: `signup:${u}`,
      now: at("2031-03-03T14:59:00Z"),
    });
    await postEntry(t.db, {
      userId: u,
      amount: 30,
      reason: "ADMIN_ADJUST",
      refId: `adjust:${randomUUID()}`,
      now: at("2031-03-03T14:59:30Z"),
    });
    await postEntry(t.db, {
      userId: u,
      amount: 20,
      reason: "ADMIN_ADJUST",
      refId: `adjust:${randomUUID()}`,
      now: at("2031-03-03T15:00:00Z"),
    });
    await postEntry(t.db, {
      userId: u,
      amount: 5,
      reason: "ADMIN_ADJUST",
      refId: `adjust:${randomUUID()}`,
      now: at("2031-03-04T02:00:00Z"),
    });
    await postEntry(t.db, {
      userId: u,
      amount: -100,
      reason: "REDEMPTION",
      refId: `redeem:${randomUUID()}`,
      now: at("2031-03-04T03:00:00Z"),
    });
    const stats = await pointsStats(t.db, {
      from: at("2031-03-02T15:00:00Z"),
      to: at("2031-03-04T15:00:00Z"),
    });
    // Reasons come in the enum's order.
    expect(stats).toEqual([
      { day: "2031-03-03", reason: "SIGNUP_BONUS", total: 1000, entries: 1 },
      { day: "2031-03-03", reason: "ADMIN_ADJUST", total: 30, entries: 1 },
      { day: "2031-03-04", reason: "REDEMPTION", total: -100, entries: 1 },
      { day: "2031-03-04", reason: "ADMIN_ADJUST", total: 25, entries: 2 },
    ]);
  });
});
