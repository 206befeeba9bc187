import { describe, expect, it } from "vitest";
import { marketStateAt } from "@/lib/calendar";
import { QUOTE_TTL_MS, quoteExpiresAt } from "./quote-ttl";

const at = (iso: string) => new Date(iso);
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe("quote TTL by market state", () => {
  it("is 30 s open, 5 min pre/post, 30 min closed", () => {
    expect(QUOTE_TTL_MS).toEqual({ OPEN: 30_000, PRE: 300_000, POST: 300_000, CLOSED: 1_800_000 });
  });

  it.each([
    ["OPEN", "2026-11-24T16:00:00Z", 30_000], // 11:00 ET
    ["PRE", "2026-11-24T12:00:00Z", 300_000], // 07:00 ET
    ["POST", "2026-11-24T22:00:00Z", 300_000], // 17:00 ET
    ["CLOSED", "2026-11-25T03:00:00Z", 1_800_000], // 22:00 ET
    ["CLOSED", "2026-11-26T16:00:00Z", 1_800_000], // Thanksgiving
    ["CLOSED", "2026-11-28T16:00:00Z", 1_800_000], // Saturday
    ["OPEN", "2026-07-15T14:00:00Z", 30_000], // 10:00 EDT (summer)
  ] as const)("%s at %s", (state, iso, ttl) => {
    const fetchedAt = at(iso);
    expect(quoteExpiresAt(fetchedAt)).toEqual({ marketState: state, expiresAt: plus(fetchedAt, ttl) });
  });

  it("never stays fresh past a change of market state", () => {
    // 09:28 ET pre-market: 5 minutes would reach 09:33, but the session opens at 09:30.
    const preOpen = at("2026-11-24T14:28:00Z");
    expect(quoteExpiresAt(preOpen)).toEqual({ marketState: "PRE", expiresAt: at("2026-11-24T14:30:00Z") });
    // 12:59:50 ET on the early-close day after Thanksgiving: the session ends at 13:00.
    const earlyClose = at("2026-11-27T17:59:50Z");
    expect(quoteExpiresAt(earlyClose)).toEqual({
      marketState: "OPEN",
      expiresAt: at("2026-11-27T18:00:00Z"),
    });
    // 03:50 ET, closed: pre-market starts at 04:00.
    const night = at("2026-11-24T08:50:00Z");
    const { expiresAt } = quoteExpiresAt(night);
    expect(expiresAt).toEqual(at("2026-11-24T09:00:00Z"));
    expect(marketStateAt(expiresAt)).toBe("PRE");
  });
});
