import { describe, expect, it } from "vitest";
import type { BoardPatch, CardView, MyCall } from "@/lib/board/types";
import { CardSync, stepToward, type Step } from "./card-sync";

/**
 * A stand-in for the server at the network edge: one player's calls and slots, answering each
 * request only when the test releases it, so a request can be "in flight".
 */
function fakeServer(slots = 3) {
  const calls = new Map<string, MyCall>();
  let nextId = 1;
  const sent: Step[] = [];
  const waiting: (() => void)[] = [];
  const answer = (step: Step): BoardPatch => {
    if (step.kind === "submit") {
      if (calls.has(step.symbol)) throw new Error("already called");
      if (slots === 0) throw new Error("No slot left.");
      slots -= 1;
      const c: MyCall = {
        id: `id-${nextId++}`,
        choice: step.choice,
        status: "PENDING",
        snapshotPrice: 1,
        snapshotAt: null,
        closePrice: null,
        voidReason: null,
        pointsAwarded: 0,
      };
      calls.set(step.symbol, c);
      return {
        card: { symbol: step.symbol, myCall: c, crowd: null },
        slots: { available: slots, max: 3, adSlotsUsed: 0, adSlotsLeft: 2, nextRefillAt: null },
      };
    }
    const [symbol, c] = [...calls].find(([, v]) => v.id === step.id) ?? [];
    if (!symbol || !c) throw new Error("not found");
    if (step.kind === "change") {
      const changed = { ...c, choice: step.choice };
      calls.set(symbol, changed);
      return { card: { symbol, myCall: changed, crowd: null } };
    }
    calls.delete(symbol);
    slots += 1;
    return {
      card: { symbol, myCall: null, crowd: null },
      slots: { available: slots, max: 3, adSlotsUsed: 0, adSlotsLeft: 2, nextRefillAt: null },
    };
  };
  return {
    calls,
    sent,
    slots: () => slots,
    run: (step: Step) => {
      sent.push(step);
      return new Promise<BoardPatch>((resolve, reject) =>
        waiting.push(() => {
          try {
            resolve(answer(step));
          } catch (e) {
            reject(e);
          }
        }),
      );
    },
    /** Answer the oldest request in flight, and let the client react. */
    async release() {
      waiting.shift()?.();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

function harness(server: ReturnType<typeof fakeServer>) {
  const applied: BoardPatch[] = [];
  const failures: { confirmed: CardView; error: unknown }[] = [];
  const pending: string[] = [];
  const sync = new CardSync({
    run: server.run,
    apply: (p) => applied.push(p),
    fail: (confirmed, error) => failures.push({ confirmed, error }),
    pendingChanged: (s, on) => pending.push(`${s}:${on}`),
  });
  return { sync, applied, failures, pending };
}
const empty = (symbol: string): CardView => ({ symbol, myCall: null, crowd: null });

describe("stepToward", () => {
  const pendingUp: CardView = {
    symbol: "NVDA",
    myCall: {
      id: "a",
      choice: "UP",
      status: "PENDING",
      snapshotPrice: 1,
      snapshotAt: null,
      closePrice: null,
      voidReason: null,
      pointsAwarded: 0,
    },
    crowd: null,
  };
  it.each([
    [empty("NVDA"), { kind: "call", choice: "UP" }, { kind: "submit", symbol: "NVDA", choice: "UP" }],
    [empty("NVDA"), { kind: "cancel" }, null],
    [pendingUp, { kind: "call", choice: "UP" }, null],
    [pendingUp, { kind: "call", choice: "DOWN" }, { kind: "change", id: "a", choice: "DOWN" }],
    [pendingUp, { kind: "cancel" }, { kind: "cancel", id: "a" }],
  ] as const)("%o + %o → %o", (card, intent, step) => {
    expect(stepToward(card, intent)).toEqual(step);
  });
});

describe("CardSync", () => {
  it("a quick O→X while the first call is in flight ends as X on one prediction, one slot used", async () => {
    const server = fakeServer();
    const { sync, applied, pending } = harness(server);
    sync.request(empty("NVDA"), { kind: "call", choice: "UP" });
    sync.request(empty("NVDA"), { kind: "call", choice: "DOWN" });
    expect(server.sent).toEqual([{ kind: "submit", symbol: "NVDA", choice: "UP" }]);
    expect(sync.isPending("NVDA")).toBe(true);
    await server.release();
    expect(server.sent[1]).toEqual({ kind: "change", id: "id-1", choice: "DOWN" });
    // The card keeps showing the wish (X) while the change is in flight: only the slots move.
    expect(applied).toEqual([{ slots: expect.objectContaining({ available: 2 }) }]);
    await server.release();
    expect(server.sent).toHaveLength(2);
    expect([...server.calls.values()].map((c) => c.choice)).toEqual(["DOWN"]);
    expect(server.slots()).toBe(2);
    expect(applied.at(-1)).toEqual({
      card: { symbol: "NVDA", myCall: expect.objectContaining({ id: "id-1", choice: "DOWN" }), crowd: null },
    });
    expect(pending).toEqual(["NVDA:true", "NVDA:false"]);
    expect(sync.busy).toBe(false);
  });

  it("only the latest wish counts: O, X, O while in flight sends one submit and nothing more", async () => {
    const server = fakeServer();
    const { sync, applied } = harness(server);
    sync.request(empty("NVDA"), { kind: "call", choice: "UP" });
    sync.request(empty("NVDA"), { kind: "call", choice: "DOWN" });
    sync.request(empty("NVDA"), { kind: "call", choice: "UP" });
    await server.release();
    expect(server.sent).toHaveLength(1);
    expect(applied.at(-1)?.card?.myCall).toMatchObject({ choice: "UP" });
  });

  it("a cancel while the call is in flight cancels that call once it exists: the slot comes back", async () => {
    const server = fakeServer();
    const { sync, applied } = harness(server);
    sync.request(empty("NVDA"), { kind: "call", choice: "UP" });
    sync.request(empty("NVDA"), { kind: "cancel" });
    await server.release();
    await server.release();
    expect(server.sent.map((s) => s.kind)).toEqual(["submit", "cancel"]);
    expect(server.calls.size).toBe(0);
    expect(server.slots()).toBe(3);
    expect(applied.at(-1)).toEqual({ card: empty("NVDA") });
  });

  it("a refusal rolls the card back to what the server has and drops the waiting wish", async () => {
    const server = fakeServer(0);
    const { sync, applied, failures, pending } = harness(server);
    sync.request(empty("AMAT"), { kind: "call", choice: "DOWN" });
    sync.request(empty("AMAT"), { kind: "call", choice: "UP" });
    await server.release();
    expect(server.sent).toHaveLength(1);
    expect(failures).toEqual([{ confirmed: empty("AMAT"), error: new Error("No slot left.") }]);
    expect(applied).toEqual([]);
    expect(pending).toEqual(["AMAT:true", "AMAT:false"]);
    // The next click starts afresh.
    sync.request(empty("AMAT"), { kind: "call", choice: "UP" });
    expect(server.sent).toHaveLength(2);
  });

  it("a refusal after the first answer rolls back to that answer, not to the card before it", async () => {
    const server = fakeServer(1);
    const { sync, failures } = harness(server);
    sync.request(empty("NVDA"), { kind: "call", choice: "UP" });
    sync.request(empty("NVDA"), { kind: "call", choice: "DOWN" });
    await server.release();
    server.calls.clear(); // the call is gone on the server before the change is answered
    await server.release();
    expect(failures).toHaveLength(1);
    expect(failures[0]!.confirmed.myCall).toMatchObject({ id: "id-1", choice: "UP" });
  });

  it("cards are independent: two cards' calls are in flight together", async () => {
    const server = fakeServer();
    const { sync } = harness(server);
    sync.request(empty("NVDA"), { kind: "call", choice: "UP" });
    sync.request(empty("TSLA"), { kind: "call", choice: "DOWN" });
    expect(server.sent.map((s) => s.kind === "submit" && s.symbol)).toEqual(["NVDA", "TSLA"]);
    await server.release();
    await server.release();
    expect(server.slots()).toBe(1);
    expect(sync.busy).toBe(false);
  });
});
