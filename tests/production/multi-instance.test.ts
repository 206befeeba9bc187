/**
 * Two production instances of the build on one PostgreSQL database, behind a loopback
 * round-robin proxy: what one instance decides, the other must respect.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DbHandle } from "@/db/client";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { HttpClient } from "../support/http-client";
import { oauthEnv, signInWithKakao, startOAuthFakes, type OAuthFakes } from "../support/oauth";
import { createPgDatabase, type PgDatabase } from "../support/pg-database";
import { startProdServer, type ProdServer } from "../support/prod-server";
import { startRoundRobinProxy, type RoundRobinProxy } from "../support/round-robin-proxy";
import { PROD_PORT, productionPrerequisites } from "./support";

const PORT = PROD_PORT + 10;
const RATE_LIMIT = 20;
const skip = await productionPrerequisites();

let pg: PgDatabase;
let handle: DbHandle;
let fakes: OAuthFakes;
let a: ProdServer;
let b: ProdServer;
let proxy: RoundRobinProxy;
let symbols: string[];

async function player(name: string): Promise<HttpClient> {
  const c = new HttpClient(proxy.url, publicUrl);
  await signInWithKakao(c, fakes, {
    sub: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    email: null,
    nickname: name,
  });
  return c;
}

async function moveClocks(at: string) {
  // Both instances at once: their schedulers tick the same due jobs concurrently.
  const results = await Promise.all(
    [a, b].map((s) => new HttpClient(s.baseUrl, publicUrl).json("/api/test/clock", { json: { at } })),
  );
  for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
}

// Both instances answer as the one public site behind the proxy.
const publicUrl = `http://localhost:${PORT + 22}`;

beforeAll(async () => {
  if (skip) return;
  pg = await createPgDatabase("oxu_multi");
  handle = pg.open(2);
  fakes = await startOAuthFakes(PORT);
  const env = {
    ...oauthEnv(PORT),
    PUBLIC_BASE_URL: publicUrl,
    SCHEDULER: "inprocess",
    TEST_CLOCK_START: "2026-12-01T10:00:00+09:00",
    TEST_CLOCK_CONTROL: "1",
    RATE_LIMIT_PREDICTIONS_PER_MINUTE: String(RATE_LIMIT),
  };
  [a, b] = await Promise.all([
    startProdServer({ port: PORT + 20, databaseUrl: pg.url, env, readyTimeoutMs: 120_000 }),
    startProdServer({ port: PORT + 21, databaseUrl: pg.url, env, readyTimeoutMs: 120_000 }),
  ]);
  proxy = await startRoundRobinProxy(PORT + 22, [a.baseUrl, b.baseUrl]);
  const anon = new HttpClient(proxy.url, publicUrl);
  for (let i = 0; ; i++) {
    const s = await anon.json<{ acceptingPredictions: boolean }>("/api/session/today");
    const u = await anon.json<{ symbols: { symbol: string }[] }>("/api/universe/today");
    if (s.body.acceptingPredictions && u.body.symbols?.length) {
      symbols = u.body.symbols.map((x) => x.symbol);
      break;
    }
    if (i > 120) throw new Error(`session never opened: ${JSON.stringify(s.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await fakes?.stop();
  await handle?.close();
  await pg?.drop();
});

describe.skipIf(skip)("two instances on one database", () => {
  it("share one rate limit: a player's burst split across both gets exactly the limit", async () => {
    const p = await player("Limiter");
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 10; i++) {
      const r = await p.request("/api/predictions", {
        json: { symbol: symbols[i % symbols.length], choice: "UP" },
      });
      statuses.push(r.status);
      await r.body?.cancel();
    }
    expect(proxy.hits[0]).toBeGreaterThan(0);
    expect(proxy.hits[1]).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });

  it("200 concurrent submits of one player across both instances take exactly the free slots", async () => {
    const p = await player("Racer");
    const slots = await p.json<{ slots: { available: number } }>("/api/me/slots");
    expect(slots.status).toBe(200);
    const free = slots.body.slots.available;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        p.json("/api/predictions", {
          json: { symbol: symbols[i % symbols.length], choice: i % 2 ? "UP" : "DOWN" },
        }),
      ),
    );
    const accepted = results.filter((r) => r.status === 201);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(accepted).toHaveLength(free);
    const me = await p.json<{ id: string }>("/api/me");
    const [row] = rowsOf<{ n: number }>(
      await handle.db.execute(
        sql`select count(*)::int as n from predictions where user_id = ${me.body.id} and status <> 'CANCELLED'`,
      ),
    );
    expect(Number(row!.n)).toBe(free);
  });

  it("settle the day once, with one award per correct call, when both schedulers tick it", async () => {
    const players = [] as HttpClient[];
    for (let i = 0; i < 4; i++) players.push(await player(`Settler${i}`));
    for (const [i, p] of players.entries()) {
      for (let k = 0; k < 3; k++) {
        const r = await p.json("/api/predictions", {
          json: { symbol: symbols[(i * 7 + k * 3) % symbols.length], choice: k % 2 ? "UP" : "DOWN" },
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
    }
    // Past the close and the official close's collection, then past settlement time.
    await moveClocks("2026-12-02T06:30:00+09:00");
    await moveClocks("2026-12-02T07:00:00+09:00");
    const pending = async () =>
      Number(
        rowsOf<{ n: number }>(
          await handle.db.execute(sql`select count(*)::int as n from predictions where status = 'PENDING'`),
        )[0]!.n,
      );
    for (let i = 0; (await pending()) > 0; i++) {
      if (i > 60) throw new Error(`predictions still pending: ${await pending()}`);
      await moveClocks(new Date(Date.parse("2026-12-02T07:00:00+09:00") + (i + 1) * 60_000).toISOString());
    }
    const awards = rowsOf<{ id: string; status: string; awards: number }>(
      await handle.db.execute(sql`select p.id, p.status, count(l.id)::int as awards from predictions p
        left join points_ledger l on l.ref_id = 'settle:' || p.id::text group by p.id, p.status`),
    );
    expect(awards.length).toBeGreaterThan(0);
    for (const r of awards)
      expect(Number(r.awards), `${r.id} ${r.status}`).toBe(r.status === "CORRECT" ? 1 : 0);
    expect(awards.some((r) => r.status === "CORRECT")).toBe(true);
    expect(await runIntegrityChecks(handle.db)).toEqual([]);
  });

  it("a sign-out on one instance ends the session on the other", async () => {
    const p = await player(`Leaver-${randomUUID().slice(0, 4)}`);
    const copy = p.clone(b.baseUrl);
    expect((await copy.json("/api/me")).status).toBe(200);
    const onA = p.clone(a.baseUrl);
    const csrf = await onA.json<{ csrfToken: string }>("/api/auth/csrf");
    const out = await onA.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, callbackUrl: "/" }).toString(),
    });
    expect([302, 303]).toContain(out.status);
    expect((await copy.json("/api/me")).status).toBe(401);
  });
});
