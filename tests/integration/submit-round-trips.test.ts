/**
 * POST /api/predictions through its real route handler on PostgreSQL, every statement the
 * driver sends counted at its edge (postgres.js's statement hook, db/client.ts `onStatement`):
 * a warm submit — the process's caches filled, the quote in memory — is at most 5 round trips
 * and one commit (docs/performance.md). Refusals still count against the rate limit.
 */
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect } from "vitest";
import { POST } from "@/app/api/predictions/route";
import { openDb, type DbHandle } from "@/db/client";
import { predictions, rateLimits } from "@/db/schema";
import { resetAppClock, shiftAppClockTo } from "@/lib/clock";
import { env } from "@/lib/env";
import { openSession } from "@/lib/sessions/transitions";
import { upsertUniverse } from "@/lib/universe";
import { sessionCookie } from "../support/session-cookie";
import { serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";
import { createPlayer } from "./support/players";
import { describeOnPostgres, itOnPostgres } from "./support/postgres-only";

const t = useTestDb();
const DAY = "2026-11-27";
const NOON = new Date(`${DAY}T12:00:00+09:00`);
const sent: string[] = [];
let counted: DbHandle | undefined;
const undo: Array<() => void> = [];

beforeAll(async () => {
  if (!t.url) return;
  counted = openDb({ url: t.url, poolSize: 4, onStatement: (s) => sent.push(s.query) });
  undo.push(serveAppFrom({ db: counted.db, driver: counted.driver }));
  shiftAppClockTo(NOON);
  await upsertUniverse(t.db, { tradingDay: DAY, symbols: ["AAPL", "NVDA", "MSFT"] });
  await openSession(t.db, { tradingDay: DAY, now: NOON });
});
afterAll(async () => {
  resetAppClock();
  for (const u of undo.splice(0)) u();
  await counted?.close();
});

async function submit(userId: string, symbol: string) {
  const cookie = await sessionCookie(t.db, userId, env().AUTH_SECRET, NOON);
  const req = new NextRequest("http://localhost/api/predictions", {
    method: "POST",
    headers: { cookie, origin: "http://localhost", "content-type": "application/json" },
    body: JSON.stringify({ symbol, choice: "UP" }),
  });
  const from = sent.length;
  const res = await POST(req);
  return { status: res.status, body: (await res.json()) as { code?: string }, statements: sent.slice(from) };
}

describeOnPostgres("round trips of a submitted call", () => {
  itOnPostgres("a warm submit: at most 5 statements, one transaction, one commit", async () => {
    // Two players warm the process: caches (phase, universe), prepared statements, the quote.
    for (const symbol of ["NVDA", "AAPL"])
      expect((await submit((await createPlayer(t.db)).id, symbol)).status).toBe(201);
    const player = await createPlayer(t.db);
    const r = await submit(player.id, "NVDA");
    expect(r.status).toBe(201);
    expect(r.statements.length, r.statements.join("\n")).toBeLessThanOrEqual(5);
    expect(r.statements.filter((q) => /^\s*begin\b/i.test(q))).toHaveLength(1);
    expect(r.statements.filter((q) => /^\s*commit\b/i.test(q))).toHaveLength(1);
    // The rate limit is inside the transaction: no statement of it before `begin`.
    const begin = r.statements.findIndex((q) => /^\s*begin\b/i.test(q));
    expect(r.statements.slice(0, begin).some((q) => q.includes("rate_limits"))).toBe(false);
    expect(await t.db.select().from(predictions).where(eq(predictions.userId, player.id))).toHaveLength(1);
  });

  itOnPostgres(
    "a refused call (already called) writes nothing but still counts against the rate limit",
    async () => {
      const player = await createPlayer(t.db);
      expect((await submit(player.id, "MSFT")).status).toBe(201);
      const key = `predictions:${player.id}`;
      const [before] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, key));
      const again = await submit(player.id, "MSFT");
      expect(again.status).toBe(409);
      expect(again.body.code).toBe("conflict:already_predicted");
      const [after] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, key));
      expect(after!.tat.getTime()).toBeGreaterThan(before!.tat.getTime());
      expect(await t.db.select().from(predictions).where(eq(predictions.userId, player.id))).toHaveLength(1);
    },
  );
});
