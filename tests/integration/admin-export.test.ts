import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { csvField, exportCsv, exportTableOf } from "@/lib/admin/export";
import { postEntry } from "@/lib/points/ledger";
import { createPlayer, errorCodeOf } from "./support/players";
import { useTestDb } from "./support/db";

/** CSV exports of the admin tables: complete across pages, quoted, without secrets. */
const t = useTestDb();
const NOW = new Date("2026-12-07T03:00:00Z");

async function read(stream: ReadableStream<Uint8Array>): Promise<string[][]> {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  // Fields here hold no line breaks, so a line is a row.
  return text
    .slice(1)
    .split("\r\n")
    .filter(Boolean)
    .map((l) => l.split(","));
}

describe("CSV exports", () => {
  it("streams every player exactly once across pages of 1,000, with balances and no e-mail", async () => {
    const n = 2_345;
    const at = new Date("2026-12-01T00:00:00Z"); // many rows share one instant: the keyset must not skip or repeat
    await t.db.insert(users).values(
      Array.from({ length: n }, (_, i) => ({
        nickname: `x-${i}`,
        email: `p${i}@example.com`,
        createdAt: new Date(at.getTime() + (i % 7) * 1000),
      })),
    );
    const rich = await createPlayer(t.db, "=cmd|' /C calc'!A0");
    await postEntry(t.db, {
      userId: rich.id,
      amount: 1000,
      reason: "SIGNUP_BONUS",
      refId: `signup:${rich.id}`,
    });
    const rows = await read(await exportCsv(t.db, { table: "players", query: {}, now: NOW }));
    expect(rows[0]).toEqual(["id", "nickname", "role", "created_at", "last_sign_in_at", "balance"]);
    const ids = rows.slice(1).map((r) => r[0]);
    expect(ids).toHaveLength(n + 1);
    expect(new Set(ids).size).toBe(n + 1);
    const mine = rows.find((r) => r[0] === rich.id)!;
    expect(mine[1]).toBe("'=cmd|' /C calc'!A0"); // a formula is defused
    expect(mine[5]).toBe("1000");
    expect(rows.flat().some((f) => f.includes("@example.com"))).toBe(false);
  });

  it("the ledger is per player; unknown tables are not found", async () => {
    expect(await errorCodeOf(exportCsv(t.db, { table: "ledger", query: {}, now: NOW }))).toBe(
      "unprocessable:export_user_required",
    );
    const p = await createPlayer(t.db);
    await postEntry(t.db, { userId: p.id, amount: 1000, reason: "SIGNUP_BONUS", refId: `signup:${p.id}` });
    const rows = await read(await exportCsv(t.db, { table: "ledger", query: { userId: p.id }, now: NOW }));
    expect(rows.slice(1).map((r) => [r[2], r[3], r[5]])).toEqual([
      ["SIGNUP_BONUS", "1000", `signup:${p.id}`],
    ]);
    expect(() => exportTableOf("users.csv")).toThrow(expect.objectContaining({ code: "not_found:export" }));
    expect(() => exportTableOf("audit.json")).toThrow(expect.objectContaining({ code: "not_found:export" }));
    expect(exportTableOf("audit.csv")).toBe("audit");
  });

  it("quotes separators, quotes and line breaks", () => {
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvField({ removed: ["NVDA", "AMD"] })).toBe('"{""removed"":[""NVDA"",""AMD""]}"');
    expect(csvField(-50)).toBe("-50");
    expect(csvField(null)).toBe("");
  });
});
