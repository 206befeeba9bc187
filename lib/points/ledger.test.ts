import { describe, expect, it } from "vitest";
import { LedgerIntegrityError, verifyChain } from "./ledger";

describe("ledger chain check", () => {
  const before = new Map([["u1", 1000]]);
  it("accepts balance_after following the amounts in ledger-id order, ending at the moved balance", () => {
    const rows = [
      { id: 12, userId: "u1", amount: -30, balanceAfter: 1020 },
      { id: 9, userId: "u1", amount: 50, balanceAfter: 1050 },
    ];
    expect(() => verifyChain(rows, before, new Map([["u1", 1020]]))).not.toThrow();
  });
  it("refuses ids and balances that disagree (the insert order was not the chain order)", () => {
    const rows = [
      { id: 9, userId: "u1", amount: 50, balanceAfter: 1100 },
      { id: 12, userId: "u1", amount: 50, balanceAfter: 1050 },
    ];
    expect(() => verifyChain(rows, before, new Map([["u1", 1100]]))).toThrow(LedgerIntegrityError);
  });
  it("refuses a balance that did not move with the chain, and a player whose balance was not locked", () => {
    const rows = [{ id: 9, userId: "u1", amount: 50, balanceAfter: 1050 }];
    expect(() => verifyChain(rows, before, new Map([["u1", 1000]]))).toThrow(/expected 1050/);
    expect(() => verifyChain(rows, before, new Map())).toThrow(LedgerIntegrityError);
    expect(() =>
      verifyChain([{ id: 1, userId: "u2", amount: 50, balanceAfter: 50 }], before, new Map([["u2", 50]])),
    ).toThrow(/no locked balance/);
  });
});
