import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlayer } from "../integration/support/players";
import { createPgDatabase, type PgDatabase } from "../support/pg-database";
import { PROD_AUTH_SECRET, startProdServer, type ProdServer } from "../support/prod-server";
import { sessionCookie } from "../support/session-cookie";
import { PROD_PORT, productionPrerequisites, uploadUntilAnswered } from "./support";

/**
 * Issue 12 §1 against `next start` on PostgreSQL: huge bodies are refused within
 * milliseconds, having read at most the route's limit, and the server's memory stays flat.
 * Before: 400 MB chunked to the cron route took the server from 578 MB to 1,466 MB RSS.
 */
const skip = await productionPrerequisites();
const MB = 1024 * 1024;

describe.skipIf(skip)("request bodies on a production server", () => {
  let pg: PgDatabase;
  let server: ProdServer;
  let cookie: string;
  const figures: string[] = [];

  beforeAll(async () => {
    pg = await createPgDatabase("oxu_bodies");
    const handle = pg.open(2);
    const player = await createPlayer(handle.db);
    cookie = await sessionCookie(handle.db, player.id, PROD_AUTH_SECRET);
    await handle.close();
    server = await startProdServer({ port: PROD_PORT, databaseUrl: pg.url });
    // Warm the routes up, so what follows measures the bodies, not first-request compilation.
    for (let i = 0; i < 5; i++) {
      await fetch(`${server.baseUrl}/api/me`, { headers: { cookie } });
      await fetch(`${server.baseUrl}/api/cron/integrity-check`, { method: "POST", body: "{}" });
      await fetch(`${server.baseUrl}/api/predictions`, {
        method: "POST",
        body: "{}",
        headers: { cookie, origin: server.publicUrl, "content-type": "application/json" },
      });
    }
  });

  afterAll(async () => {
    await server?.stop();
    await pg?.drop();
    if (figures.length) console.info(`request bodies:\n  ${figures.join("\n  ")}`);
  });

  const cases = [
    {
      name: "anonymous, chunked, to the cron route",
      path: "/api/cron/integrity-check",
      size: 400 * MB,
      player: false,
      limit: 64 * 1024,
    },
    {
      name: "a player, chunked, to a JSON route",
      path: "/api/predictions",
      size: 400 * MB,
      player: true,
      limit: 16 * 1024,
    },
    {
      name: "a player, 50 MB chunked, to a JSON route",
      path: "/api/predictions",
      size: 50 * MB,
      player: true,
      limit: 16 * 1024,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.size / MB} MB → 413 within milliseconds, RSS flat`, async () => {
      const before = server.rssBytes();
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (c.player) Object.assign(headers, { cookie, origin: server.publicUrl });
      const r = await uploadUntilAnswered(`${server.baseUrl}${c.path}`, { totalBytes: c.size, headers });
      const after = server.rssBytes();
      figures.push(
        `${c.name}: ${c.size / MB} MB offered, ${(r.written / MB).toFixed(1)} MB written before the ${r.status} after ${Math.round(r.ms)} ms; RSS ${Math.round(before / MB)} → ${Math.round(after / MB)} MB`,
      );
      // 413, or (rarely) the connection closed by the server with the 413 lost to our EPIPE.
      expect([413, 0]).toContain(r.status);
      if (r.status === 413) expect(JSON.parse(r.body)).toMatchObject({ ok: false, code: "too_large:body" });
      expect(r.ms).toBeLessThan(2_000);
      expect(r.written).toBeLessThan(32 * MB);
      expect(after - before).toBeLessThan(64 * MB);
    });
  }

  it("a declared 300 MB Content-Length → 413 before the body is sent", async () => {
    const before = server.rssBytes();
    const r = await uploadUntilAnswered(`${server.baseUrl}/api/cron/integrity-check`, {
      totalBytes: 300 * MB,
      declaredLength: 300 * MB,
    });
    figures.push(
      `declared 300 MB to the cron route: ${(r.written / MB).toFixed(1)} MB written before the ${r.status} after ${Math.round(r.ms)} ms; RSS ${Math.round(before / MB)} → ${Math.round(server.rssBytes() / MB)} MB`,
    );
    expect([413, 0]).toContain(r.status);
    expect(r.ms).toBeLessThan(2_000);
  });

  it("a JSON route refuses another content type with 415, and the server still serves", async () => {
    const res = await fetch(`${server.baseUrl}/api/predictions`, {
      method: "POST",
      body: "symbol=AAPL",
      headers: { cookie, origin: server.publicUrl, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
  });
});
